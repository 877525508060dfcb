export {}
// `npm run bench -- NAME`: runs one benchmark and prints its tables. Timings are measured, never asserted.
const benches: Record<string, () => Promise<unknown>> = {
  unlock: () => import('./unlock').then((m) => m.run()),
  ledger: () => import('./ledger').then((m) => m.run()),
  vault: () => import('./vault').then((m) => m.run()),
}

const name = process.argv[2]
if (!name || !(name in benches)) {
  console.error(`usage: npm run bench -- NAME   (one of: ${Object.keys(benches).join(', ')})`)
  process.exit(2)
}
await benches[name]()
