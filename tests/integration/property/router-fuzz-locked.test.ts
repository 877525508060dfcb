// Router fuzz, locked: every channel, ≥ 1,000 random and malformed payloads each (see fuzz.ts).
import { describe } from 'vitest'
import { defineRouterFuzz } from './fuzz'

describe('router fuzz while locked', () => {
  defineRouterFuzz('locked')
})
