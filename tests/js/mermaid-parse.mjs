// Parse Mermaid text read from stdin with the real mermaid library.
// Prints one JSON line {"type": ..., "tasks": [...]} and exits 0 when it parses (for a
// timeline, tasks are its periods: {section, period, events}); exits 1 with the parser's
// message on stderr when it does not. Used by tests/test_mermaid.py.
// Install once with `npm ci --prefix tests/js` (mermaid and jsdom are pinned in package-lock.json).
import { JSDOM } from "jsdom";

// mermaid sanitises labels with DOMPurify, which needs a DOM: give it jsdom's window
// before mermaid loads (https://github.com/mermaid-js/mermaid/issues/6531).
const { window } = new JSDOM("");
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import("mermaid");

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString("utf8");
try {
  const result = await mermaid.parse(text);
  let tasks = [];
  if (result.diagramType === "timeline") {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    tasks = diagram.db.getTasks().map((t) => ({ section: t.section, period: t.task.trim(), events: t.events.map((e) => e.trim()) }));
  }
  console.log(JSON.stringify({ type: result.diagramType, tasks }));
} catch (err) {
  console.error(String(err && err.message ? err.message : err));
  process.exit(1);
}
