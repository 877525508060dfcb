// Router fuzz, unlocked as the admin: every channel, ≥ 1,000 random and malformed payloads each (see fuzz.ts).
import { describe } from 'vitest'
import { defineRouterFuzz } from './fuzz'

describe('router fuzz while unlocked', () => {
  defineRouterFuzz('unlocked')
})
