/** The scoring arithmetic every benchmark shares. */

/** F1: the harmonic mean of precision and recall, 0 when both are 0. */
export function f1Score(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Micro precision, recall and F1 from counts; nothing predicted (or nothing to find) scores 0. */
export function precisionRecallF1(correct: number, predicted: number, gold: number): { precision: number; recall: number; f1: number } {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = gold === 0 ? 0 : correct / gold;
  return { precision, recall, f1: f1Score(precision, recall) };
}
