/** Paste or drop articles, send them to POST /api/ingest, and link to what was stored. */
import { useState, type DragEvent, type FormEvent } from 'react';
import { api, type InsertResult } from '../api.js';
import { h } from '../h.js';
import { Link } from '../parts/link.js';
import { hrefs } from '../route.js';

interface Outcome {
  name: string;
  result?: InsertResult;
  error?: string;
}

const TOKEN_KEY = 'fivew.token';

export function UploadPage() {
  const [text, setText] = useState('');
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  async function send(items: Array<{ name: string; body: Record<string, string> }>) {
    setBusy(true);
    sessionStorage.setItem(TOKEN_KEY, token);
    for (const item of items) {
      let outcome: Outcome;
      try {
        outcome = { name: item.name, result: await api.ingest(item.body, token) };
      } catch (err) {
        outcome = { name: item.name, error: err instanceof Error ? err.message : String(err) };
      }
      setOutcomes((prev) => [outcome, ...prev]);
    }
    setBusy(false);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    const body: Record<string, string> = /^https?:\/\/\S+$/.test(value) ? { url: value } : /^\s*</.test(value) ? { html: value } : { text: value };
    void send([{ name: value.slice(0, 60), body }]).then(() => setText(''));
  }

  async function drop(e: DragEvent) {
    e.preventDefault();
    const files = [...e.dataTransfer.files];
    const items = await Promise.all(
      files.map(async (f) => ({ name: f.name, body: { [/\.x?html?$/i.test(f.name) ? 'html' : 'text']: await f.text() } })),
    );
    await send(items);
  }

  return h(
    'section',
    { 'aria-labelledby': 'upload-title' },
    h('h1', { id: 'upload-title' }, 'Add articles'),
    h(
      'form',
      { className: 'panel upload', onSubmit: submit },
      h('label', { htmlFor: 'token' }, 'Ingest token (printed by ', h('code', null, 'fivew serve'), ')'),
      h('input', { id: 'token', type: 'password', autoComplete: 'off', value: token, onChange: (e: { target: { value: string } }) => setToken(e.target.value) }),
      h('label', { htmlFor: 'article-input' }, 'Paste an article (plain text or HTML) or a URL — or drop files here'),
      h('textarea', {
        id: 'article-input',
        rows: 12,
        value: text,
        onChange: (e: { target: { value: string } }) => setText(e.target.value),
        onDragOver: (e: DragEvent) => e.preventDefault(),
        onDrop: (e: DragEvent) => void drop(e),
      }),
      h('button', { type: 'submit', disabled: busy || !text.trim() || !token }, busy ? 'Analysing…' : 'Analyse and store'),
    ),
    h(
      'ul',
      { className: 'plain outcomes', 'aria-live': 'polite' },
      ...outcomes.map((o, i) =>
        h(
          'li',
          { key: `${i}:${o.name}` },
          o.result
            ? [`${o.result.outcome.replace('_', ' ')}: `, h(Link, { key: 'l', href: hrefs.article(o.result.outcome === 'duplicate' ? (o.result.duplicateOf ?? o.result.id) : o.result.id) }, o.name)]
            : `failed: ${o.name} — ${o.error}`,
        ),
      ),
    ),
  );
}
