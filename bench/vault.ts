// Vault benchmark: a deterministic corpus (seeded; ~200 MiB of files from 32 KiB to 8 MiB, log-uniform
// sizes, incompressible content behind PDF/JPEG/PNG signatures) written to a temp folder first, then
// encrypted and decrypted at two levels: the body format itself (sealFile + commitBody per file; readBody
// to a discarding sink) and the real core through the router (vault:addDocuments with a scripted file
// dialog answering the corpus in batches; vault:open of every document). Baselines in the same run: Node
// AES-256-GCM in 64 KiB chunks in memory (the ceiling), and Debian's `age` on the same files when
// installed; the whole corpus as one file too (no per-file costs: age's process start, our fsyncs and
// audited commits). RSS is sampled throughout: peak and growth over the baseline, per file-size class, to
// show that memory does not grow with file size. Last, time to first page of a 20 MB PDF: vault:open +
// pdf.js getDocument + getPage(1) + getOperatorList, against the same pdf.js steps on a plain readFile.
// Timings are printed, never asserted; correctness (every body decrypts to its source) sets the exit code.
import { execFile } from 'node:child_process'
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { APP_ORIGIN, createZhangfang, type Zhangfang } from '../src/main/app'
import type { Dialogs } from '../src/main/ports'
import { commitBody, sealFile } from '../src/main/vault/bodies'
import { BodyWriter, CHUNK, fileChunks, makeHeader, readBody, type BodyBinding } from '../src/main/vault/format'
import { median, printTable, rng, RssSampler } from './lib'

const MiB = 1024 * 1024
const CORPUS_MIB = Number(process.env.BENCH_VAULT_MIB ?? 200)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const ROUTER_RUNS = Number(process.env.BENCH_ROUTER_RUNS ?? 3)
const PREVIEW_RUNS = Math.max(3, Number(process.env.BENCH_PREVIEW_RUNS ?? 5))
const BATCH = 16
const MIN = 32 * 1024
const MAX = 8 * MiB
const PW = 'Ledger-Horse-Battery-42'
const sender = { origin: APP_ORIGIN, isMainFrame: true }
const run$ = promisify(execFile)

/** File-size classes, by upper bound. */
const BUCKETS: { name: string; max: number }[] = [
  { name: '32–256 KiB', max: 256 * 1024 },
  { name: '256 KiB–1 MiB', max: MiB },
  { name: '1–4 MiB', max: 4 * MiB },
  { name: '4–8 MiB', max: MAX },
]
const bucketOf = (size: number) => BUCKETS.findIndex((b) => size <= b.max)

interface CorpusFile {
  path: string
  name: string
  size: number
  sha256: string
  bucket: number
}

// --- helpers ---------------------------------------------------------------------------------------

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** MB/s with MB = 10^6 bytes. */
const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000)
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—')
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** Incompressible, deterministic bytes: an AES-256-CTR keystream keyed by the seed and the index. */
function noise(seed: number, index: number, size: number): Buffer {
  const key = createHash('sha256').update(`zf-bench-vault|${seed}|${index}`).digest()
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size))
}

const SIGNATURES: { ext: string; head: Buffer; tail: Buffer }[] = [
  { ext: 'pdf', head: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), tail: Buffer.from('\n%%EOF\n', 'latin1') },
  { ext: 'jpg', head: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), tail: Buffer.from([0xff, 0xd9]) },
  { ext: 'png', head: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), tail: Buffer.alloc(0) },
]

/** Sizes log-uniform in [32 KiB, 8 MiB] until the total reaches the target; the first two are the extremes. */
async function writeCorpus(dir: string, totalBytes: number, seed = 7): Promise<CorpusFile[]> {
  const r = rng(seed)
  const files: CorpusFile[] = []
  let total = 0
  for (let i = 0; total < totalBytes; i++) {
    let size = i === 0 ? MIN : i === 1 ? MAX : Math.round(MIN * Math.pow(MAX / MIN, r()))
    if (totalBytes - total - size < MIN) size = Math.max(MIN, Math.min(MAX, totalBytes - total))
    const t = r()
    const sig = SIGNATURES[t < 0.5 ? 0 : t < 0.9 ? 1 : 2]
    const body = noise(seed, i, size)
    sig.head.copy(body, 0)
    sig.tail.copy(body, size - sig.tail.length)
    const name = `scan-${String(i + 1).padStart(4, '0')}.${sig.ext}`
    const path = join(dir, name)
    await writeFile(path, body)
    const fh = await open(path, 'r+')
    await fh.sync() // on disk now, so no writeback of the corpus competes with the timed phases
    await fh.close()
    files.push({ path, name, size, sha256: sha(body), bucket: bucketOf(size) })
    total += size
  }
  return files
}

/** A valid PDF of `pages` pages, each painting one uncompressed 1024×341 RGB image (~1 MiB of noise). */
function makePdf(pages = 20, seed = 11): Buffer {
  const W = 1024
  const H = 341
  const parts: Buffer[] = []
  const offsets: number[] = []
  let at = 0
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b
    parts.push(buf)
    at += buf.length
  }
  const obj = (n: number, body: string, stream?: Buffer) => {
    offsets[n] = at
    push(`${n} 0 obj\n${body}\n`)
    if (stream) {
      push('stream\n')
      push(stream)
      push('\nendstream\n')
    }
    push('endobj\n')
  }
  push('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
  const pageObj = (i: number) => 3 + i * 3
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
  obj(2, `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${pageObj(i)} 0 R`).join(' ')}] /Count ${pages} >>`)
  for (let i = 0; i < pages; i++) {
    const p = pageObj(i)
    obj(p, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 ${p + 1} 0 R >> >> /Contents ${p + 2} 0 R >>`)
    const img = noise(seed, i, W * H * 3)
    obj(p + 1, `<< /Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${img.length} >>`, img)
    const content = Buffer.from(`q 612 0 0 204 0 294 cm /Im0 Do Q\nBT /F1 12 Tf 72 72 Td ET\n`, 'latin1')
    obj(p + 2, `<< /Length ${content.length} >>`, content)
  }
  const count = 3 + pages * 3
  const xref = at
  push(`xref\n0 ${count}\n0000000000 65535 f \n`)
  for (let n = 1; n < count; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`)
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  return Buffer.concat(parts)
}

/** Runs `fn` between a GC and an RSS sampler; answers its result and the sampler. */
async function sampled<T>(fn: (rss: RssSampler) => Promise<T>): Promise<{ value: T; rss: RssSampler }> {
  gc()
  const rss = new RssSampler().start()
  try {
    return { value: await fn(rss), rss }
  } finally {
    rss.stop()
  }
}

/** Per-run timing: total, per size class, and each unit's time (a file, or a dialog batch) per class. */
interface RunTime {
  ms: number
  bucketMs: number[]
  unitMs: number[][]
}

/**
 * Runs `fn` over units (a file, or a batch of files) class by class, small to large, with a GC and a
 * fresh RSS baseline before each class (outside the timing), so each class's memory growth is its own.
 */
async function overClasses<U>(classes: U[][], rss: RssSampler | null, fn: (unit: U) => Promise<void>, after?: (unit: U) => void): Promise<RunTime> {
  const out: RunTime = { ms: 0, bucketMs: BUCKETS.map(() => 0), unitMs: BUCKETS.map(() => []) }
  for (const [b, units] of classes.entries()) {
    if (rss) {
      gc()
      rss.begin(String(b))
    }
    for (const u of units) {
      const t = performance.now()
      await fn(u)
      const ms = performance.now() - t
      rss?.poll()
      out.ms += ms
      out.bucketMs[b] += ms
      out.unitMs[b].push(ms)
      after?.(u)
    }
  }
  return out
}

/** Memory of a phase over its runs: the largest growth seen, overall and per class (over the class's own baseline). */
class MemStat {
  baseline = 0
  peak = 0
  growth = 0
  pdf: number | null = null
  big: number | null = null
  readonly bucketGrowth = BUCKETS.map(() => 0)
  add(rss: RssSampler): void {
    if (rss.growthMiB() >= this.growth) {
      this.growth = rss.growthMiB()
      this.baseline = rss.baseline
      this.peak = rss.peak
    }
    BUCKETS.forEach((_, i) => (this.bucketGrowth[i] = Math.max(this.bucketGrowth[i], rss.growthMiB(String(i)))))
  }
}

async function call<T>(core: Zhangfang, channel: string, input: unknown): Promise<T> {
  const r = await core.handle(sender, channel, input)
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
  return r.value as T
}

interface AddOutcome {
  added: { id: string; name: string; size: number; pages: number | null }[]
  duplicates: unknown[]
  refused: { name: string; message: string }[]
}

/** Body files written without the fsyncs sealFile does (what `age -o` does): the cost of durability apart. */
async function sealNoSync(src: string, dest: string, key: Buffer, binding: BodyBinding): Promise<void> {
  const w = new BodyWriter(key, makeHeader(1), binding)
  const fh = await open(dest, 'w', 0o600)
  try {
    await fh.write(w.start())
    for await (const c of fileChunks(src)) for (const s of w.push(c)) await fh.write(s)
    await fh.write(w.finish().tail)
  } finally {
    await fh.close()
  }
}

// --- the benchmark ---------------------------------------------------------------------------------

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'zf-bench-vault-'))
  let core: Zhangfang | null = null
  const problems: string[] = []
  try {
    const corpusDir = join(dir, 'corpus')
    await mkdir(corpusDir)
    const corpus = await writeCorpus(corpusDir, CORPUS_MIB * MiB)
    const totalBytes = corpus.reduce((n, f) => n + f.size, 0)
    const byClass = BUCKETS.map((_, b) => corpus.filter((f) => f.bucket === b))
    const bucketBytes = byClass.map((fs) => fs.reduce((n, f) => n + f.size, 0))
    // the whole corpus as one file: streaming with no per-file costs, and memory for a file of any size
    const bigPath = join(dir, 'corpus.bin')
    const bigHash = createHash('sha256')
    const bigFh = await open(bigPath, 'w')
    for (const f of corpus) {
      const b = await readFile(f.path)
      bigHash.update(b)
      await bigFh.write(b)
    }
    await bigFh.sync()
    await bigFh.close()
    const bigSha = bigHash.digest('hex')
    const pdfPath = join(dir, 'preview-20mb.pdf')
    const pdf = makePdf()
    await writeFile(pdfPath, pdf)
    const pdfSha = sha(pdf)
    console.log(
      `vault benchmark: ${corpus.length} files, ${(totalBytes / MiB).toFixed(0)} MiB (${BUCKETS.map((b, i) => `${b.name}: ${corpus.filter((f) => f.bucket === i).length}`).join(', ')}), ` +
        `seeded, on disk and in the page cache. MB/s = 10^6 bytes/s of plaintext. ${RUNS} runs of the format layer and age, ${ROUTER_RUNS} through the router.\n` +
        `node ${process.versions.node}, ${cpus().length}× ${cpus()[0]?.model ?? '?'}, load average ${loadavg()[0].toFixed(1)} at start`,
    )

    // 1. Node AES-256-GCM in 64 KiB chunks, in memory: the ceiling for any chunked format here
    const block = noise(1, 0, 8 * MiB)
    const ceilKey = randomBytes(32)
    const ceilEnc: number[] = []
    const ceilDec: number[] = []
    const sealedBlock: { ct: Buffer; tag: Buffer }[] = []
    for (let off = 0; off < block.length; off += CHUNK) {
      const c = createCipheriv('aes-256-gcm', ceilKey, Buffer.alloc(12, off / CHUNK))
      const ct = Buffer.concat([c.update(block.subarray(off, off + CHUNK)), c.final()])
      sealedBlock.push({ ct, tag: c.getAuthTag() })
    }
    for (let r = 0; r < RUNS; r++) {
      let t = performance.now()
      for (let done = 0; done < totalBytes; done += block.length) {
        for (let off = 0, i = 0; off < block.length; off += CHUNK, i++) {
          const c = createCipheriv('aes-256-gcm', ceilKey, Buffer.alloc(12, i))
          Buffer.concat([c.update(block.subarray(off, off + CHUNK)), c.final(), c.getAuthTag()])
        }
      }
      ceilEnc.push(performance.now() - t)
      t = performance.now()
      for (let done = 0; done < totalBytes; done += block.length) {
        sealedBlock.forEach((s, i) => {
          const d = createDecipheriv('aes-256-gcm', ceilKey, Buffer.alloc(12, i))
          d.setAuthTag(s.tag)
          Buffer.concat([d.update(s.ct), d.final()])
        })
      }
      ceilDec.push(performance.now() - t)
    }
    const ceilBytes = Math.ceil(totalBytes / block.length) * block.length

    // 2. the format layer: sealFile + commitBody per file (fsynced), readBody to a discarding sink
    const fmtEnc: RunTime[] = []
    const fmtDec: RunTime[] = []
    const noSync: RunTime[] = []
    const bigEnc: number[] = []
    const bigDec: number[] = []
    const fmtEncMem = new MemStat()
    const fmtDecMem = new MemStat()
    const clientId = randomUUID()
    for (let r = 0; r < RUNS; r++) {
      const vaultKey = randomBytes(32)
      const lookup = (v: number) => (v === 1 ? vaultKey : undefined)
      const out = join(dir, `format-${r}`, 'vault', clientId)
      await mkdir(out, { recursive: true })
      const ids = new Map(corpus.map((f) => [f, randomUUID()]))
      const e = await sampled((rss) =>
        overClasses(byClass, rss, async (f) => {
          const final = join(out, ids.get(f)!)
          const sealed = await sealFile(f.path, final, vaultKey, 1, { clientId, documentId: ids.get(f)! })
          await commitBody(sealed.tmpPath, final)
          if (sealed.sha256 !== f.sha256 || sealed.size !== f.size) problems.push(`format: ${f.name} sealed with the wrong hash or size`)
        }),
      )
      fmtEnc.push(e.value)
      fmtEncMem.add(e.rss)
      const d = await sampled((rss) =>
        overClasses(byClass, rss, async (f) => {
          const res = await readBody(join(out, ids.get(f)!), lookup, { clientId, documentId: ids.get(f)! }, () => undefined)
          if (res.sha256 !== f.sha256) problems.push(`format: ${f.name} decrypts to other bytes`)
        }),
      )
      fmtDec.push(d.value)
      fmtDecMem.add(d.rss)
      const bigId = randomUUID()
      const bigBody = join(out, bigId)
      const be = await sampled(async () => {
        const t = performance.now()
        const sealed = await sealFile(bigPath, bigBody, vaultKey, 1, { clientId, documentId: bigId })
        await commitBody(sealed.tmpPath, bigBody)
        if (sealed.sha256 !== bigSha) problems.push('format: the big file sealed with the wrong hash')
        return performance.now() - t
      })
      bigEnc.push(be.value)
      fmtEncMem.big = Math.max(fmtEncMem.big ?? 0, be.rss.growthMiB())
      const bd = await sampled(async () => {
        const t = performance.now()
        const res = await readBody(bigBody, lookup, { clientId, documentId: bigId }, () => undefined)
        if (res.sha256 !== bigSha) problems.push('format: the big file decrypts to other bytes')
        return performance.now() - t
      })
      bigDec.push(bd.value)
      fmtDecMem.big = Math.max(fmtDecMem.big ?? 0, bd.rss.growthMiB())
      await rm(join(dir, `format-${r}`), { recursive: true, force: true })

      // the same writer without the fsyncs (what age -o does): the cost of durability apart
      const nsDir = join(dir, `nosync-${r}`)
      await mkdir(nsDir)
      noSync.push(await overClasses(byClass, null, (f) => sealNoSync(f.path, join(nsDir, ids.get(f)!), vaultKey, { clientId, documentId: ids.get(f)! })))
      await rm(nsDir, { recursive: true, force: true })
    }

    // 3. age on the same files, one process per file as a user would run it
    const ageEnc: RunTime[] = []
    const ageDec: RunTime[] = []
    const ageBigEnc: number[] = []
    const ageBigDec: number[] = []
    const haveAge = await run$('age', ['--version']).then(
      () => true,
      () => false,
    )
    if (haveAge) {
      const keyFile = join(dir, 'age-key.txt')
      await run$('age-keygen', ['-o', keyFile])
      const recipient = (await run$('age-keygen', ['-y', keyFile])).stdout.trim()
      for (let r = 0; r < RUNS; r++) {
        const out = join(dir, `age-${r}`)
        await mkdir(out)
        const enc = (f: CorpusFile) => join(out, `${f.name}.age`)
        ageEnc.push(await overClasses(byClass, null, async (f) => void (await run$('age', ['-r', recipient, '-o', enc(f), f.path]))))
        ageDec.push(await overClasses(byClass, null, async (f) => void (await run$('age', ['-d', '-i', keyFile, '-o', '/dev/null', enc(f)]))))
        const bigOut = join(out, 'corpus.bin.age')
        ageBigEnc.push(await timed(() => run$('age', ['-r', recipient, '-o', bigOut, bigPath])))
        ageBigDec.push(await timed(() => run$('age', ['-d', '-i', keyFile, '-o', '/dev/null', bigOut])))
        if (r === 0) {
          const back = await run$('age', ['-d', '-i', keyFile, enc(corpus[1])], { encoding: 'buffer', maxBuffer: 16 * MiB })
          if (sha(back.stdout) !== corpus[1].sha256) problems.push('age: round trip of the 8 MiB file differs')
        }
        await rm(out, { recursive: true, force: true })
      }
    }

    // 4. through the core and router: a firm, a supervisor, clients; the file dialog answers the corpus in batches
    const dataDir = join(dir, 'data')
    await mkdir(dataDir)
    const dialogQueue: string[][] = []
    const dialogs: Dialogs = { openFiles: async () => dialogQueue.shift() ?? [], saveFile: async () => null, chooseFolder: async () => null }
    core = createZhangfang({ dataDir, dialogs })
    const kit = await call<{ recoveryGroups: string[]; confirmGroups: number[] }>(core, 'setup:begin', { firmName: 'Bench 代账', adminUsername: 'admin', adminDisplayName: 'Admin', password: PW })
    await call(core, 'setup:complete', { confirmation: kit.confirmGroups.map((i) => kit.recoveryGroups[i - 1]) })
    const sup = await call<{ id: string }>(core, 'users:create', { username: 'sup', displayName: '主管', role: 'supervisor', temporaryPassword: PW + 'x' })
    const usccs = ['91350100M000100Y43', '914403001922038216', '91110108551385082Q', '91330100799655058B', '91310000MA1FL0QX1J']
    const clients: string[] = []
    for (let r = 0; r < ROUTER_RUNS; r++) {
      const c = await call<{ id: string }>(core, 'clients:create', { name: `客户${r}`, uscc: usccs[r % usccs.length], standard: 'small', firstPeriod: '2026-01', codingScheme: '4-2-2', voucherTypes: 'single' })
      await call(core, 'clients:assign', { clientId: c.id, userId: sup.id })
      clients.push(c.id)
    }
    await core.lock('manual')
    await call(core, 'session:unlock', { username: 'sup', password: PW + 'x' })
    await call(core, 'session:changePassword', { currentPassword: PW + 'x', newPassword: PW })

    // dialog batches of one size class each, so memory can be told apart by file size
    const batches = byClass.map((files) => Array.from({ length: Math.ceil(files.length / BATCH) }, (_, i) => files.slice(i * BATCH, (i + 1) * BATCH)))
    const addRuns: RunTime[] = []
    const openRuns: RunTime[] = []
    const addMem = new MemStat()
    const openMem = new MemStat()
    for (const cid of clients) {
      const docs = new Map<string, string>()
      const a = await sampled((rss) =>
        overClasses(batches, rss, async (batch) => {
          dialogQueue.push(batch.map((f) => f.path))
          const outcome = await call<AddOutcome>(core!, 'vault:addDocuments', { clientId: cid, jobId: randomUUID() })
          for (const d of outcome.added) docs.set(d.name, d.id)
          if (outcome.added.length !== batch.length) problems.push(`router: ${batch.length - outcome.added.length} of a batch not added (${outcome.refused.map((x) => x.message).join('; ')})`)
        }),
      )
      addRuns.push(a.value)
      addMem.add(a.rss)
      const bad: string[] = []
      let last: Uint8Array | null = null
      const o = await sampled((rss) =>
        overClasses(
          byClass,
          rss,
          async (f) => {
            last = (await call<{ bytes: Uint8Array }>(core!, 'vault:open', { clientId: cid, documentId: docs.get(f.name) ?? randomUUID() })).bytes
            rss.poll()
          },
          (f) => {
            if (!last || last.length !== f.size || sha(last) !== f.sha256) bad.push(f.name)
            last = null
          },
        ),
      )
      if (bad.length) problems.push(`router: vault:open answered other bytes for ${bad.join(', ')}`)
      openRuns.push(o.value)
      openMem.add(o.rss)
    }

    // 5. the 20 MB PDF: ingest and open alone (memory), then time to first page against a plain readFile
    dialogQueue.push([pdfPath])
    const pdfAdd = await sampled(() => call<AddOutcome>(core!, 'vault:addDocuments', { clientId: clients[0], jobId: randomUUID() }))
    addMem.pdf = pdfAdd.rss.growthMiB()
    const pdfDoc = pdfAdd.value.added[0]
    if (!pdfDoc) throw new Error(`the 20 MB PDF was not stored: ${pdfAdd.value.refused.map((x) => x.message).join('; ')}`)
    const pdfOpen = await sampled(async () => (await call<{ bytes: Uint8Array }>(core!, 'vault:open', { clientId: clients[0], documentId: pdfDoc.id })).bytes.length)
    openMem.pdf = pdfOpen.rss.growthMiB()
    const preview = await previewTimes(pdfPath, async () => {
      const r = await call<{ bytes: Uint8Array }>(core!, 'vault:open', { clientId: clients[0], documentId: pdfDoc.id })
      return r.bytes
    })
    if (preview.sha !== pdfSha) problems.push('preview: vault:open of the PDF answered other bytes')

    // --- tables ---------------------------------------------------------------------------------
    const med = (xs: RunTime[]) => median(xs.map((x) => x.ms))
    const medB = (xs: RunTime[], b: number) => median(xs.map((x) => x.bucketMs[b]))
    const ageEncMBs = haveAge ? mbps(totalBytes, med(ageEnc)) : 0
    const ageDecMBs = haveAge ? mbps(totalBytes, med(ageDec)) : 0
    const n = corpus.length
    const row = (what: string, encMs: number | null, decMs: number | null, bytes = totalBytes): (string | number)[] => {
      const e = encMs === null ? null : mbps(bytes, encMs)
      const d = decMs === null ? null : mbps(bytes, decMs)
      return [what, e ?? '—', d ?? '—', e !== null && haveAge ? ratio(e, ageEncMBs) : '—', d !== null && haveAge ? ratio(d, ageDecMBs) : '—']
    }
    const rows: (string | number)[][] = [
      row('Node AES-256-GCM, 64 KiB chunks, in memory (ceiling)', median(ceilEnc), median(ceilDec), ceilBytes),
      row('format: sealFile + commitBody (fsync) / readBody → discard', med(fmtEnc), med(fmtDec)),
      row('format: BodyWriter → file, no fsync (as age -o writes)', med(noSync), null),
      row(`router: vault:addDocuments (dialog, ${BATCH} per batch) / vault:open`, med(addRuns), med(openRuns)),
    ]
    if (haveAge) rows.push(['age -r / age -d -i, one process per file', ageEncMBs, ageDecMBs, '1.00×', '1.00×'])
    else rows.push(['age: SKIPPED, not installed (apt-get install age)', '—', '—', '—', '—'])
    printTable(`Throughput over ${(totalBytes / MiB).toFixed(0)} MiB in ${n} files, MB/s (median of runs)`, ['path', 'encrypt MB/s', 'decrypt MB/s', 'enc ours/age', 'dec ours/age'], rows)

    const ageBigE = haveAge ? mbps(totalBytes, median(ageBigEnc)) : 0
    const ageBigD = haveAge ? mbps(totalBytes, median(ageBigDec)) : 0
    const fe = mbps(totalBytes, median(bigEnc))
    const fd = mbps(totalBytes, median(bigDec))
    printTable(
      `The same ${(totalBytes / MiB).toFixed(0)} MiB as one file: no per-file costs, MB/s (median of runs)`,
      ['path', 'encrypt MB/s', 'decrypt MB/s', 'enc ours/age', 'dec ours/age'],
      [
        ['format: sealFile + commitBody / readBody → discard', fe, fd, haveAge ? ratio(fe, ageBigE) : '—', haveAge ? ratio(fd, ageBigD) : '—'],
        haveAge ? ['age -r -o / age -d -i -o /dev/null', ageBigE, ageBigD, '1.00×', '1.00×'] : ['age: SKIPPED, not installed (apt-get install age)', '—', '—', '—', '—'],
      ],
    )

    // a small BENCH_VAULT_MIB can leave a class empty: no row for it
    const bRows = BUCKETS.flatMap((b, i) =>
      byClass[i].length === 0
        ? []
        : [
            [
              `${b.name} (${byClass[i].length} files, ${(bucketBytes[i] / MiB).toFixed(0)} MiB)`,
              mbps(bucketBytes[i], medB(fmtEnc, i)),
              mbps(bucketBytes[i], medB(fmtDec, i)),
              mbps(bucketBytes[i], medB(noSync, i)),
              mbps(bucketBytes[i], medB(addRuns, i)),
              mbps(bucketBytes[i], medB(openRuns, i)),
              haveAge ? mbps(bucketBytes[i], medB(ageEnc, i)) : '—',
              haveAge ? mbps(bucketBytes[i], medB(ageDec, i)) : '—',
              median(addRuns.flatMap((r) => r.unitMs[i].map((ms, k) => ms / batches[i][k].length))),
              median(openRuns.flatMap((r) => r.unitMs[i])),
            ],
          ],
    )
    printTable(
      'By file size: MB/s (median of runs), and per-file latency through the router, ms (median)',
      ['size class', 'seal', 'readBody', 'no fsync', 'addDocuments', 'vault:open', 'age -r', 'age -d', 'add ms/file', 'open ms/file'],
      bRows,
    )

    const memRow = (what: string, m: MemStat): (string | number)[] => [what, m.baseline / MiB, m.peak / MiB, m.growth, ...m.bucketGrowth, m.pdf ?? '—', m.big ?? '—']
    printTable(
      'Memory: RSS MiB, sampled every 5 ms and after each call. growth = peak − baseline after a GC; per class over its own post-GC baseline; largest over runs',
      ['phase', 'baseline', 'peak', 'growth', ...BUCKETS.map((b) => `+${b.name}`), `+${(pdf.length / 1e6).toFixed(0)} MB PDF`, `+${(totalBytes / MiB).toFixed(0)} MiB file`],
      [
        memRow('format: sealFile + commitBody', fmtEncMem),
        memRow('format: readBody → discard', fmtDecMem),
        memRow('router: vault:addDocuments', addMem),
        memRow('router: vault:open (whole body in memory, by design)', openMem),
      ],
    )

    console.log(
      'growth follows the bytes handled between two collections (freed 64 KiB chunk buffers wait for the GC), not the size of a file: ' +
        `compare the 4–8 MiB class with the single ${(totalBytes / MiB).toFixed(0)} MiB file. vault:open holds the whole plaintext by design (the viewer needs it).`,
    )
    console.log('seal = sealFile + commitBody; no fsync = BodyWriter → file without fsync; add ms/file = a batch\'s time / its files')

    const p = preview
    const prow = (what: string, ours: number[], plain: number[] | null): (string | number)[] => [what, median(ours), Math.min(...ours), Math.max(...ours), plain ? median(plain) : '—', plain ? ratio(median(ours), median(plain)) : '—']
    printTable(
      `Preview of a ${(pdf.length / 1e6).toFixed(1)} MB PDF (${pdfDoc.pages ?? '?'} pages counted at ingest, ${p.numPages} by pdf.js) to its first page, ms (${PREVIEW_RUNS} runs after a warm-up)`,
      ['step', 'median', 'min', 'max', 'plain readFile', 'ours/plain'],
      p.error
        ? [prow('vault:open (decrypt into memory via router) / readFile', p.open, p.read), [`pdf.js SKIPPED: ${p.error}`, '—', '—', '—', '—', '—']]
        : [
            prow('vault:open (decrypt into memory via router) / readFile', p.open, p.read),
            prow('pdf.js getDocument({data}).promise', p.doc, p.docPlain),
            prow('getPage(1)', p.page, p.pagePlain),
            prow('page.getOperatorList()', p.ops, p.opsPlain),
            prow('time to first page (open + getDocument + getPage + getOperatorList)', p.total, p.totalPlain),
            prow('  after it: page 1 image object resolved (page.objs)', p.img, p.imgPlain),
          ],
    )
    if (p.error === null) {
      console.log(
        `\npdf.js ${p.version} in Node ${process.versions.node}, main thread (worker module preloaded as globalThis.pdfjsWorker; pdf.js 6 has no isEvalSupported option, it no longer evaluates code)` +
          `${p.polyfilled.length ? `, polyfilled for this Node: ${p.polyfilled.join(', ')}` : ''}; page 1 operator list ${p.paintsImage ? 'paints the image' : 'DOES NOT paint the image'} (${p.opCount} ops).`,
      )
      if (!p.paintsImage) problems.push('preview: page 1 does not paint its image')
    }
    if (p.warnings.length) console.log(`pdf.js load warnings (no canvas is needed for getOperatorList): ${[...new Set(p.warnings)].join(' | ')}`)
    if (pdfDoc.pages !== 20) problems.push(`preview: ingest counted ${pdfDoc.pages} pages, not 20`)
    if (haveAge) {
      const r = (ours: number, age: number) => (ours / age).toFixed(2)
      console.log(
        `\ngoal ≥ 0.80× age: through the router encrypt ${r(mbps(totalBytes, med(addRuns)), ageEncMBs)}×, decrypt ${r(mbps(totalBytes, med(openRuns)), ageDecMBs)}×; ` +
          `format layer ${r(mbps(totalBytes, med(fmtEnc)), ageEncMBs)}×, ${r(mbps(totalBytes, med(fmtDec)), ageDecMBs)}× (age pays a process start per file; ours pays fsyncs and an audited commit per file).`,
      )
    } else console.log('\nnote: age is not installed (apt-get install age): the age rows and ratios were skipped.')
    console.log(
      `\ncorrectness: ${problems.length === 0 ? `every body decrypts to its source bytes (sha256) at both levels${haveAge ? ', the age round trip matches' : ''}, the PDF has 20 pages at ingest and in pdf.js` : `PROBLEMS:\n  ${[...new Set(problems)].join('\n  ')}`}`,
    )
    if (problems.length) process.exitCode = 1
  } finally {
    if (core) await core.close()
    await rm(dir, { recursive: true, force: true })
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

interface PreviewTimes {
  open: number[]
  doc: number[]
  page: number[]
  ops: number[]
  img: number[]
  total: number[]
  read: number[]
  docPlain: number[]
  pagePlain: number[]
  opsPlain: number[]
  imgPlain: number[]
  totalPlain: number[]
  sha: string
  numPages: number | string
  paintsImage: boolean
  opCount: number
  version: string
  warnings: string[]
  polyfilled: string[]
  error: string | null
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

/** Loads pdf.js for Node, running its worker side in this thread; collects the warnings it prints on load. */
async function loadPdfJs(warnings: string[], polyfilled: string[]): Promise<PdfJs> {
  const log = console.log
  const warn = console.warn
  console.log = console.warn = (...a: unknown[]) => void warnings.push(a.map(String).join(' '))
  try {
    // pdfjs-dist 6 wants Node ≥ 22.13; Node 20 lacks Promise.withResolvers (Electron's Chromium has it)
    const P = Promise as unknown as { withResolvers?: () => unknown }
    if (typeof P.withResolvers !== 'function') {
      polyfilled.push('Promise.withResolvers')
      P.withResolvers = () => {
        let resolve!: (v: unknown) => void
        let reject!: (e: unknown) => void
        const promise = new Promise((a, b) => {
          resolve = a
          reject = b
        })
        return { promise, resolve, reject }
      }
    }
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs'
    ;(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(workerModule)
    return pdfjs
  } finally {
    console.log = log
    console.warn = warn
  }
}

async function previewTimes(pdfPath: string, openViaRouter: () => Promise<Uint8Array>): Promise<PreviewTimes> {
  const out: PreviewTimes = {
    open: [], doc: [], page: [], ops: [], img: [], total: [], read: [], docPlain: [], pagePlain: [], opsPlain: [], imgPlain: [], totalPlain: [],
    sha: '', numPages: '?', paintsImage: false, opCount: 0, version: '?', warnings: [], polyfilled: [], error: null,
  }
  let pdfjs: PdfJs | null = null
  try {
    pdfjs = await loadPdfJs(out.warnings, out.polyfilled)
    out.version = pdfjs.version
  } catch (e) {
    out.error = `cannot load pdfjs-dist/legacy/build/pdf.mjs (${(e as Error).message})`
  }
  const firstPage = async (data: Uint8Array, t0: number, steps: { doc: number[]; page: number[]; ops: number[]; img: number[]; total: number[] }, record: boolean) => {
    const t1 = performance.now()
    const task = pdfjs!.getDocument({ data, verbosity: 0, disableFontFace: true, useSystemFonts: false })
    const doc = await task.promise
    const t2 = performance.now()
    const page = await doc.getPage(1)
    const t3 = performance.now()
    const ops = await page.getOperatorList()
    const t4 = performance.now()
    // the page's image arrives as an object resolved apart from the operator list: wait for its pixels too
    const paint = ops.fnArray.indexOf(pdfjs!.OPS.paintImageXObject)
    const imgId = paint >= 0 ? (ops.argsArray[paint] as unknown[])[0] : null
    if (typeof imgId === 'string') {
      const objs = (imgId.startsWith('g_') ? page.commonObjs : page.objs) as unknown as { get(id: string, cb: (v: unknown) => void): void }
      await new Promise((res) => objs.get(imgId, res))
    }
    const t5 = performance.now()
    if (record) {
      steps.doc.push(t2 - t1)
      steps.page.push(t3 - t2)
      steps.ops.push(t4 - t3)
      steps.img.push(t5 - t4)
      steps.total.push(t4 - t0)
    }
    out.numPages = doc.numPages
    out.opCount = ops.fnArray.length
    out.paintsImage = ops.fnArray.includes(pdfjs!.OPS.paintImageXObject)
    await task.destroy()
  }
  const ours = { doc: out.doc, page: out.page, ops: out.ops, img: out.img, total: out.total }
  const plain = { doc: out.docPlain, page: out.pagePlain, ops: out.opsPlain, img: out.imgPlain, total: out.totalPlain }
  for (let i = 0; i <= PREVIEW_RUNS; i++) {
    const record = i > 0
    gc()
    let t0 = performance.now()
    const bytes = await openViaRouter()
    if (record) out.open.push(performance.now() - t0)
    if (i === 0) out.sha = sha(bytes)
    if (pdfjs && !out.error) {
      try {
        await firstPage(bytes, t0, ours, record)
      } catch (e) {
        out.error = `pdf.js failed in Node: ${(e as Error).message}`
      }
    }
    gc()
    t0 = performance.now()
    const raw = new Uint8Array(await readFile(pdfPath))
    if (record) out.read.push(performance.now() - t0)
    if (pdfjs && !out.error) await firstPage(raw, t0, plain, record).catch((e: Error) => void (out.error = `pdf.js failed in Node: ${e.message}`))
  }
  return out
}

