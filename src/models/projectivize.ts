/**
 * Pseudo-projective lifting (Nivre & Nilsson 2005), without label encoding:
 * every non-projective arc is lifted to its head's head until the tree is
 * projective, shortest arcs first. Our transition system can then reach every
 * training tree; the few non-projective arcs of English are lost at parse time.
 */

/** Heads use -1 for the root. Returns a new, projective head array (same length). */
export function projectivize(heads: ArrayLike<number>): Int32Array {
  const out = Int32Array.from(heads);
  for (let guard = 0; guard < out.length * out.length; guard++) {
    const arc = shortestNonProjective(out);
    if (arc < 0) return out;
    const head = out[arc]!;
    out[arc] = out[head]!;
  }
  return out;
}

export function isProjective(heads: ArrayLike<number>): boolean {
  return shortestNonProjective(heads) < 0;
}

/** Dependent of the shortest non-projective arc, or -1. */
function shortestNonProjective(heads: ArrayLike<number>): number {
  let best = -1;
  let bestLength = Infinity;
  for (let d = 0; d < heads.length; d++) {
    const h = heads[d]!;
    if (h < 0) continue;
    const lo = Math.min(h, d);
    const hi = Math.max(h, d);
    if (hi - lo >= bestLength) continue;
    for (let k = lo + 1; k < hi; k++) {
      if (!dominates(heads, h, k)) {
        best = d;
        bestLength = hi - lo;
        break;
      }
    }
  }
  return best;
}

function dominates(heads: ArrayLike<number>, ancestor: number, node: number): boolean {
  let k = node;
  for (let steps = 0; k >= 0 && steps <= heads.length; steps++) {
    if (k === ancestor) return true;
    k = heads[k]!;
  }
  return false;
}
