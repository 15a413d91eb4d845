/** The timeline's stylesheet, inlined so the file needs no network. */
export const TIMELINE_CSS = `
:root { --label: 150px; --lane: 22px; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d232b; }
body { margin: 0; background: #f6f7f9; }
main { padding: 16px 20px 40px; }
h1 { font-size: 18px; margin: 0 0 4px; }
h2 { font-size: 14px; margin: 14px 0 4px; }
h2 small { font-weight: normal; color: #5b6570; margin-left: 8px; }
.summary { margin: 0 0 8px; color: #3a434d; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; margin: 0 0 12px; color: #3a434d; }
.legend i { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: -1px; border-radius: 2px; }
.timeline { background: #fff; border: 1px solid #d9dde3; border-radius: 6px; padding: 8px 12px 12px; }
.lane, .axis { display: flex; align-items: stretch; height: var(--lane); }
.lane + .lane { border-top: 1px solid #eef0f3; }
.label { flex: 0 0 var(--label); overflow: hidden; white-space: nowrap; text-overflow: ellipsis; color: #4b5560; padding-right: 8px; line-height: var(--lane); }
.track { position: relative; flex: 1 1 auto; }
.axis .track { border-bottom: 1px solid #c9ced6; }
.tick { position: absolute; bottom: 2px; transform: translateX(-50%); color: #6b7580; font-size: 11px; white-space: nowrap; }
.tick::after { content: ""; position: absolute; left: 50%; bottom: -3px; height: 4px; border-left: 1px solid #c9ced6; }
.span { position: absolute; top: 3px; bottom: 3px; min-width: 2px; border-radius: 3px; overflow: hidden; white-space: nowrap;
  font-size: 11px; line-height: 16px; padding: 0 3px; box-sizing: border-box; color: #fff; cursor: default; }
.attempt.ok { background: #3b7dd8; }
.attempt.rate_limited { background: #d9822b; }
.attempt.timeout, .attempt.failed, .attempt.aborted { background: #c23b3b; }
.attempt.in_flight { background: #8aa9d6; }
.node { background: #6b7f94; }
.node.kind-leaf { background: #2f9e78; }
.node.kind-llm { background: #5a6fd6; }
.node.failed, .node.cancelled { background: #c23b3b; }
.node.running { opacity: .6; }
.span.merged { background-image: repeating-linear-gradient(90deg, rgba(255,255,255,.4) 0 1px, transparent 1px 4px); }
.run-span { background: #d5dbe3; color: #2b333c; }
.bubble { background: repeating-linear-gradient(135deg, #f2c9c9 0 4px, #fbeaea 4px 8px); color: #8a2d2d; }
.critical { outline: 2px solid #e8b100; outline-offset: -1px; box-shadow: 0 0 0 1px #7a5d00; }
.legend .critical { outline-offset: 0; }
.holds-critical { outline: 1px dashed #e8b100; outline-offset: -1px; }
.gather { position: absolute; top: 3px; bottom: 3px; min-width: 2px; border-radius: 3px; pointer-events: none; }
table { border-collapse: collapse; margin-top: 6px; background: #fff; }
th, td { text-align: left; padding: 3px 10px; border-bottom: 1px solid #e6e9ee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
#tip { position: fixed; z-index: 10; pointer-events: none; background: #1d232b; color: #fff; padding: 6px 8px; border-radius: 4px;
  font-size: 12px; white-space: pre; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
`;

/**
 * A small script for a styled tooltip: it moves each span's `title` to `data-detail` (so the native tooltip shows
 * when scripts are off) and follows the pointer.
 */
export const TIMELINE_SCRIPT = `
(() => {
  const tip = document.getElementById("tip");
  for (const el of document.querySelectorAll("[title]")) { el.dataset.detail = el.title; el.removeAttribute("title"); }
  document.addEventListener("mousemove", (event) => {
    const target = event.target instanceof Element ? event.target.closest("[data-detail]") : null;
    if (!target) { tip.hidden = true; return; }
    tip.textContent = target.dataset.detail;
    tip.hidden = false;
    const x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    const y = event.clientY + 16 + tip.offsetHeight > window.innerHeight ? event.clientY - tip.offsetHeight - 10 : event.clientY + 16;
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  });
})();
`;
