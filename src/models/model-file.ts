/**
 * Self-describing model files: a JSON header (kind, version, labels, feature
 * settings, training metadata, small extra tables) followed by the binary
 * weights of one or more perceptrons, quantised to int8/int16 with a scale
 * per row, the whole gzipped. Files are byte-identical for identical models.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { AveragedPerceptron, type SharedPerceptron } from './perceptron.js';

const MAGIC = 'FIVEWMODEL1\n';

export const ModelHeaderSchema = z.object({
  kind: z.string(),
  version: z.number().int(),
  /** Class label lists, by name (e.g. { tags: [...] }). */
  labels: z.record(z.string(), z.array(z.string())),
  /** Feature-extraction settings the model was trained with. */
  features: z.record(z.string(), z.unknown()),
  /** How it was trained: data, seed, epochs, scores. No timestamps, so files stay reproducible. */
  training: z.record(z.string(), z.unknown()),
  /** Small lookup tables that travel with the model (e.g. a tag dictionary). */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type ModelHeader = z.infer<typeof ModelHeaderSchema>;

export interface Model {
  header: ModelHeader;
  perceptrons: Record<string, AveragedPerceptron>;
}

export interface SaveOptions {
  /** Quantisation of the weights (default 16). Models are quantised in place so memory and file agree. */
  bits?: 8 | 16;
}

const StoredHeaderSchema = ModelHeaderSchema.extend({
  weights: z.array(z.object({ name: z.string(), nClasses: z.number().int().positive(), rows: z.number().int().nonnegative(), bits: z.union([z.literal(8), z.literal(16)]) })),
});

export function encodeModel(model: Model, options: SaveOptions = {}): Buffer {
  const bits = options.bits ?? 16;
  const names = Object.keys(model.perceptrons).sort();
  const parts: Buffer[] = [];
  const weights = [];
  for (const name of names) {
    const p = model.perceptrons[name]!;
    p.finalize();
    if (p.quantizedBits === null) p.quantize(bits);
    const data = p.toData();
    const q = data.quantization!;
    const C = data.nClasses;
    weights.push({ name, nClasses: C, rows: data.keys.length, bits: q.bits });
    parts.push(bytes(data.keys), bytes(q.scales), bytes(q.ints));
  }
  const header = Buffer.from(JSON.stringify({ ...model.header, weights }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  // Pad the header so every typed array starts 4-byte aligned after gunzip.
  const pad = Buffer.alloc((4 - ((MAGIC.length + 4 + header.length) % 4)) % 4, 0x20);
  const raw = Buffer.concat([Buffer.from(MAGIC, 'latin1'), len, header, pad, ...parts]);
  return gzipSync(raw, { level: 9 });
}

/** `shared`: weights and look-up tables in SharedArrayBuffers (see shareModelFile). */
export function decodeModel(file: Buffer, options: { shared?: boolean } = {}): Model {
  const raw = gunzipSync(file);
  if (raw.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a fivew model file');
  const len = raw.readUInt32LE(MAGIC.length);
  let offset = MAGIC.length + 4;
  const stored = StoredHeaderSchema.parse(JSON.parse(raw.toString('utf8', offset, offset + len)));
  offset += len;
  offset += (4 - (offset % 4)) % 4;
  // Copy into a fresh aligned buffer: Buffer pools may hand out unaligned views.
  const body = options.shared ? new Uint8Array(new SharedArrayBuffer(raw.length - offset)) : new Uint8Array(raw.length - offset);
  body.set(raw.subarray(offset));
  let at = 0;
  const perceptrons: Record<string, AveragedPerceptron> = {};
  for (const w of stored.weights) {
    const n = w.rows * w.nClasses;
    const keys = new Uint32Array(body.buffer, at, w.rows);
    at += w.rows * 4;
    const scales = new Float32Array(body.buffer, at, w.rows);
    at += w.rows * 4;
    const ints = w.bits === 8 ? new Int8Array(body.buffer, at, n) : new Int16Array(body.buffer, at, n);
    at += n * (w.bits / 8);
    at += (4 - (at % 4)) % 4;
    perceptrons[w.name] = AveragedPerceptron.fromData({ nClasses: w.nClasses, keys, weights: null, quantization: { bits: w.bits, scales, ints } }, options);
  }
  const { weights: _weights, ...header } = stored;
  return { header, perceptrons };
}

export function saveModel(path: string, model: Model, options: SaveOptions = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodeModel(model, options));
}

/** A model file's header and perceptrons, the weights and tables in SharedArrayBuffers (see shareModel). */
export interface SharedModel {
  /** The header as JSON text: every load parses its own copy, as from the file. */
  header: string;
  perceptrons: Record<string, SharedPerceptron>;
}

/** Model files held in shared memory, by absolute path: loadModel() builds these instead of reading the file. */
const sharedFiles = new Map<string, SharedModel>();

/**
 * A model file decoded once into shared memory, for threads that would each load it: pass the result
 * to workers (workerData shares its buffers) and give it to useSharedModels() there.
 */
export function shareModelFile(path: string): SharedModel {
  // Decoded straight into shared memory: a copy made afterwards would leave the process twice the weights
  // in freed but unreturned memory.
  const model = decodeModel(readFileSync(path), { shared: true });
  const perceptrons: Record<string, SharedPerceptron> = {};
  for (const [name, p] of Object.entries(model.perceptrons)) perceptrons[name] = p.toShared();
  return { header: JSON.stringify(model.header), perceptrons };
}

/** From now on loadModel(path) builds these files' models over their shared arrays (no copy, no file read). */
export function useSharedModels(files: Readonly<Record<string, SharedModel>>): void {
  for (const [path, shared] of Object.entries(files)) sharedFiles.set(resolve(path), shared);
}

export function loadModel(path: string): Model {
  const shared = sharedFiles.get(resolve(path));
  if (shared) return modelFromShared(shared);
  return decodeModel(readFileSync(path));
}

function modelFromShared(shared: SharedModel): Model {
  const perceptrons: Record<string, AveragedPerceptron> = {};
  for (const [name, p] of Object.entries(shared.perceptrons)) perceptrons[name] = AveragedPerceptron.fromShared(p);
  return { header: ModelHeaderSchema.parse(JSON.parse(shared.header)), perceptrons };
}

function bytes(array: Uint32Array | Float32Array | Int8Array | Int16Array): Buffer {
  const b = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  // Keep every section 4-byte aligned (int8/int16 sections may end mid-word).
  const pad = (4 - (b.length % 4)) % 4;
  return pad ? Buffer.concat([b, Buffer.alloc(pad)]) : b;
}
