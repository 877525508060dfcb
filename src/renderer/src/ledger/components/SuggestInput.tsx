// A grid cell that finds one item by typing — the account cell (code, name, pinyin initials) and the
// auxiliary item cells. Keyboard-first: typing opens the matches, ↑/↓ move, Enter takes the highlighted
// match and tells the grid to move on, Escape reverts. Enter without typing keeps the value and moves on.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react'

export interface SuggestInputProps<T> {
  /** The chosen item, or null. */
  value: T | null
  /** Text shown for the chosen item when not typing. */
  display(item: T): string
  /** Matches for what was typed, best first. */
  search(query: string): T[]
  itemKey(item: T): string
  renderItem(item: T): ReactNode
  onChoose(item: T | null): void
  /** Enter accepted the cell: move to the next one. */
  onEnter(): void
  /** Keys the grid handles when the list is closed (Shift+Enter, ↑/↓ between rows …); return true if handled. */
  onNavKey?(e: KeyboardEvent<HTMLInputElement>): boolean
  inputRef?: Ref<HTMLInputElement>
  placeholder?: string
  emptyText: string
  readOnly?: boolean
  invalid?: boolean
  testId?: string
  ariaLabel?: string
  className?: string
}

export function SuggestInput<T>(props: SuggestInputProps<T>) {
  const { value, display, search, itemKey, renderItem, onChoose, onEnter, onNavKey, inputRef, placeholder, emptyText, readOnly, invalid, testId, ariaLabel, className } = props
  // null while not typing: the input shows the chosen item
  const [query, setQuery] = useState<string | null>(null)
  const [active, setActive] = useState(0)
  const listId = useId()
  const listRef = useRef<HTMLUListElement>(null)
  const typing = query !== null
  const matches = typing ? search(query) : []
  const open = typing && query.trim() !== ''

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [active, open])

  const choose = (item: T | null) => {
    setQuery(null)
    setActive(0)
    onChoose(item)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return // an IME is still composing: Enter belongs to it
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault()
      const n = matches.length
      if (n) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n))
      return
    }
    if (e.key === 'Escape' && typing) {
      e.preventDefault()
      e.stopPropagation()
      setQuery(null)
      return
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault()
      if (readOnly) return onEnter()
      if (!typing) return onEnter()
      if (query.trim() === '') {
        choose(null)
        return onEnter()
      }
      const item = matches[Math.min(active, matches.length - 1)]
      if (!item) return // nothing matches: stay so the bookkeeper can correct the text
      choose(item)
      onEnter()
      return
    }
    if (e.key === 'Tab' && open && matches.length > 0) {
      // Tab takes the highlighted match too, then leaves the cell as usual
      choose(matches[Math.min(active, matches.length - 1)])
      return
    }
    if (!open && onNavKey?.(e)) e.preventDefault()
  }

  return (
    <div className={`suggest ${className ?? ''}`}>
      <input
        ref={inputRef}
        className={`cell-input${invalid ? ' cell-invalid' : ''}`}
        data-testid={testId}
        aria-label={ariaLabel}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches.length ? `${listId}-${Math.min(active, matches.length - 1)}` : undefined}
        autoComplete="off"
        spellCheck={false}
        readOnly={readOnly}
        placeholder={readOnly ? undefined : placeholder}
        value={typing ? query : value ? display(value) : ''}
        title={value ? display(value) : undefined}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => {
          if (readOnly) return
          setQuery(e.target.value)
          setActive(0)
        }}
        onBlur={() => {
          // leaving with an emptied cell clears it; leaving half-typed text reverts to the chosen item
          if (typing && query.trim() === '' && value) onChoose(null)
          setQuery(null)
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="suggest-list" id={listId} role="listbox" ref={listRef}>
          {matches.length === 0 && <li className="suggest-empty">{emptyText}</li>}
          {matches.map((m, i) => (
            <li
              key={itemKey(m)}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'suggest-item suggest-active' : 'suggest-item'}
              // keep the focus in the input: the click chooses, the blur must not revert first
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(m)}
            >
              {renderItem(m)}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
