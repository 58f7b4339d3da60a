// Loads TimelineJS 3 (dist bundle) in jsdom, builds a Timeline from a JSON file and
// prints what its own TimelineConfig made of it: accepted events, errors, dates.
// Exit 0 only when every slide is accepted with a parsed date.
// Usage: (cd tools/timelinejs && npm install) &&
//   dateline extract articles --format timelinejs -o /tmp/tl.json &&
//   node tools/timelinejs/check.js /tmp/tl.json
const fs = require('fs');
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!DOCTYPE html><div id="tl" style="width:800px;height:600px"></div>', { runScripts: 'outside-only', pretendToBeVisual: true });
dom.window.eval(fs.readFileSync(require.resolve('@knight-lab/timelinejs/dist/js/timeline.js'), 'utf8'));
const data = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let tl;
try {
  tl = new dom.window.TL.Timeline('tl', dom.window.JSON.parse(JSON.stringify(data)));
} catch (e) { console.log('constructor threw:', e && e.message); }
setTimeout(() => {
  const c = tl && tl.config;
  if (!c) { console.log('no config'); process.exit(1); }
  const unparsed = c.events.filter(e => !e.start_date || isNaN(e.start_date.getTime())).length;
  console.log('events in:', data.events.length, 'accepted:', c.events.length, 'valid:', c.isValid(), 'errors:', JSON.stringify(c.getErrors()), 'unparsed dates:', unparsed);
  process.exit(c.isValid() && c.events.length === data.events.length && unparsed === 0 ? 0 : 1);
}, 500);
