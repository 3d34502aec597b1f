import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '../src/ingest/html/extract.js';
import { repairMojibake } from '../src/ingest/html/tree.js';

/** An invented article page: the given head tags and header markup, then a short story. */
function page(head: string, header: string): string {
  const story = Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i}: the council said the ferry timetable, agreed after weeks of talks with the harbour board, keeps the early crossing and adds a late one.</p>`).join('');
  return `<html><head>${head}</head><body>${header}<article>${story}</article></body></html>`;
}

const title = (head: string, header: string, url?: string): string | null => extractFromHtml(page(head, header), { url }).title;

describe('choosing the title', () => {
  it('takes the visible h1 when it is the metadata title, without the " | Site" tail', () => {
    const head = '<title>Ferry timetable adds a late crossing | Velmar Courier</title><meta property="og:site_name" content="Velmar Courier">';
    expect(title(head, '<h1>Ferry timetable adds a late crossing</h1>')).toBe('Ferry timetable adds a late crossing');
  });

  it('keeps a visible h1 worded differently from the metadata', () => {
    const head = '<title>Late ferry crossing added | Velmar Courier</title><meta property="og:title" content="Late ferry crossing added">';
    expect(title(head, '<h1>Harbour board adds a late ferry crossing from June</h1>')).toBe('Harbour board adds a late ferry crossing from June');
  });

  it('skips an h1 that is the site name and takes the metadata title shown as a lower heading', () => {
    const head = '<title>Notes on tide tables • Mira Olsen Harbour Log</title><meta property="og:title" content="Notes on tide tables">';
    expect(title(head, '<header><h1>Mira Olsen Harbour Log</h1></header><h2>Notes on tide tables</h2>')).toBe('Notes on tide tables');
  });

  it('does not take a blog-name h1 that the <title> only starts with', () => {
    const head = '<title>Harbour Diary: Why the late ferry matters to night workers</title><meta property="og:title" content="Why the late ferry matters to night workers">';
    expect(title(head, '<h1>Harbour Diary</h1><h3>Why the late ferry matters to night workers</h3>')).toBe('Why the late ferry matters to night workers');
  });

  it('prefers the metadata title shown as a lower heading over a category h1', () => {
    const head = '<meta property="og:title" content="How to keep toddlers in their own bed">';
    expect(title(head, '<h1>Toddler sleep training</h1><h2>How to keep toddlers in their own bed</h2>')).toBe('How to keep toddlers in their own bed');
  });

  it('strips a date, a site name or a section label attached to the h1', () => {
    const head = '<meta property="og:title" content="Preparing the ferry timetable"><meta property="og:site_name" content="Velmar Courier">';
    expect(title(head, '<h1>Dec 18 2025 Preparing the ferry timetable</h1>')).toBe('Preparing the ferry timetable');
    expect(title(head, '<h1>Preparing the ferry timetable – Velmar Courier</h1>')).toBe('Preparing the ferry timetable');
    expect(title(head, '<h1>Blog: Preparing the ferry timetable</h1>')).toBe('Preparing the ferry timetable');
  });

  it('keeps the publisher\'s punctuation when the h1 is the first segment of the metadata title', () => {
    const head = '<meta property="og:title" content="How much does a ferry pass cost | 2026 fare guide for commuters">';
    expect(title(head, '<h1>How much does a ferry pass cost?</h1>')).toBe('How much does a ferry pass cost');
  });

  it('ignores headings in footers and dialogs, and h1s that are a blurb or a file name', () => {
    const head = '<meta property="og:title" content="Night workers welcome the late ferry">';
    expect(title(head, '<div class="Overlay"><h1>Select an option for the form</h1></div>')).toBe('Night workers welcome the late ferry');
    expect(title(head, '<footer><h1>Return to the main council website</h1></footer>')).toBe('Night workers welcome the late ferry');
    expect(title(head, '<h1>harbour-board/minutes.md</h1>')).toBe('Night workers welcome the late ferry');
    const blurb = 'Learn which ferry routes suit night workers best, how the new fares are worked out and what the council plans for the winter timetable, with tips for commuters who travel late.';
    expect(title(head, `<h1>${blurb}</h1>`)).toBe('Night workers welcome the late ferry');
  });

  it('drops a host name written before the title without a separator', () => {
    const head = '<title>harbournotes.example Tide tables for the spring</title>';
    expect(title(head, '<h1>harbournotes.example</h1>', 'https://harbournotes.example/tides')).toBe('Tide tables for the spring');
  });

  it('takes the metadata title when the headline lost characters to a wrong encoding', () => {
    const head = '<title>Ferry Timetable Basics: A Commuter&#x27;s Guide</title>';
    expect(title(head, '<h1>Ferry Timetable Basics? A Commuter? Guide</h1>')).toBe("Ferry Timetable Basics: A Commuter's Guide");
    expect(title(head, '<h1>Ferry Timetable Basics\uFFFD A Commuter\uFFFD Guide</h1>')).toBe("Ferry Timetable Basics: A Commuter's Guide");
    // A real question in the headline is no damage: a differently worded metadata title does not replace it.
    const other = '<title>Harbour board timetable notes</title>';
    expect(title(other, '<h1>Is the late ferry worth it? Night workers answer</h1>')).toBe('Is the late ferry worth it? Night workers answer');
  });

  it('decodes double-encoded separators and drops zero-width characters', () => {
    const head = '<meta property="og:title" content="Harbour board minutes &amp;bull; Velmar Courier"><meta property="og:site_name" content="Velmar Courier">';
    expect(title(head, '')).toBe('Harbour board minutes');
    const zw = '<meta property="og:title" content="Harbour board\u200b minutes | Velmar Courier"><meta property="og:site_name" content="Velmar Courier">';
    expect(title(zw, '<h1>Harbour board\u200b minutes</h1>')).toBe('Harbour board minutes');
    expect(title(zw, '')).toBe('Harbour board minutes');
  });

  it('reads a span styled as a block inside a heading as a new line', () => {
    const head = '<meta property="og:title" content="Ferry passes compared">';
    expect(title(head, '<h1>The Best Ferry Passes<span class="block text-sm">Day, week and season tickets</span></h1>')).toBe('The Best Ferry Passes Day, week and season tickets');
    expect(title(head, '<h1>The Best Ferry Passes<span style="display: block">Day, week and season tickets</span></h1>')).toBe('The Best Ferry Passes Day, week and season tickets');
    expect(title(head, '<h1>The Best Ferry<span class="blocky">Passes</span></h1>')).toBe('The Best FerryPasses');
  });

  it('reads a line break in a heading as a space', () => {
    const head = '<meta property="og:title" content="Weekend Ferry Guide">';
    expect(title(head, '<h1>WEEKEND<br>FERRY<br> <span>GUIDE</span></h1>')).toBe('WEEKEND FERRY GUIDE');
  });
});

describe('repairing double-encoded UTF-8', () => {
  it('undoes UTF-8 read as Latin-1 and leaves real Latin-1 text alone', () => {
    expect(repairMojibake('The harbour\u00e2\u0080\u0099s new ferry')).toBe('The harbour\u2019s new ferry');
    expect(repairMojibake('Caf\u00c3\u00a9 owners')).toBe('Café owners');
    expect(repairMojibake('Café owners in Tessin')).toBe('Café owners in Tessin');
  });
});
