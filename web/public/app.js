// Built from web/src by `npm run build:web` (esbuild). Do not edit: edit web/src.

// web/src/dom.ts
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === void 0 || value === false) continue;
    if (name === "class") element.className = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, ...children);
  return element;
}
function append(parent, ...children) {
  for (const child of children) {
    if (child === null || child === void 0 || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element;
}
function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  append(parent, ...children);
}

// web/src/api-key.ts
var STORAGE_KEY = "mpr-api-key";
var FIELD_ID = "api-key";
function field() {
  return byId(FIELD_ID);
}
function setupApiKey() {
  const input = field();
  input.value = sessionStorage.getItem(STORAGE_KEY) ?? "";
  input.addEventListener("input", () => {
    const key = input.value.trim();
    if (key) sessionStorage.setItem(STORAGE_KEY, key);
    else sessionStorage.removeItem(STORAGE_KEY);
  });
}
function authorizationHeaders() {
  const key = field().value.trim();
  return key ? { authorization: `Bearer ${key}` } : {};
}
function focusApiKey() {
  field().focus();
}

// web/src/sse.ts
var EventStreamParser = class {
  buffer = "";
  data = [];
  event = "";
  id;
  /** The last chunk ended in \r: a \n starting the next one belongs to that line ending. */
  afterCarriageReturn = false;
  /** Feeds decoded text; returns the events completed by it. */
  push(chunk) {
    const continued = this.afterCarriageReturn && chunk.startsWith("\n");
    if (continued) chunk = chunk.slice(1);
    if (continued || chunk !== "") this.afterCarriageReturn = chunk.endsWith("\r");
    this.buffer += chunk;
    const events = [];
    for (; ; ) {
      const newline = this.buffer.search(/\r\n|\r|\n/);
      if (newline < 0) break;
      const width = this.buffer.startsWith("\r\n", newline) ? 2 : 1;
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + width);
      const completed = this.line(line);
      if (completed) events.push(completed);
    }
    return events;
  }
  /** The end of the stream: an event without its blank line is dropped, as the standard says. */
  end() {
    this.buffer = "";
    this.data = [];
    return [];
  }
  line(line) {
    if (line === "") {
      if (this.data.length === 0) {
        this.event = "";
        return void 0;
      }
      const completed = { event: this.event || "message", data: this.data.join("\n") };
      if (this.id !== void 0) completed.id = this.id;
      this.data = [];
      this.event = "";
      return completed;
    }
    if (line.startsWith(":")) return void 0;
    const colon = line.indexOf(":");
    const field2 = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field2 === "data") this.data.push(value);
    else if (field2 === "event") this.event = value;
    else if (field2 === "id" && !value.includes("\0")) this.id = value;
    return void 0;
  }
};
async function readEventStream(body, onEvent) {
  const parser = new EventStreamParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (; ; ) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
  }
  for (const event of parser.push(decoder.decode())) onEvent(event);
  parser.end();
}

// web/src/api.ts
var GatewayError = class extends Error {
  status;
  code;
  retryAfterSeconds;
  constructor(status, code, message, retryAfterSeconds) {
    super(message);
    this.name = "GatewayError";
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
};
function retryAfterOf(response) {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? value : void 0;
}
function errorFrom(status, body, retryAfter) {
  const outer = body;
  const error = typeof outer?.error === "object" ? outer.error : outer;
  if (typeof error?.code !== "string") return void 0;
  return new GatewayError(status, error.code, String(error.message ?? ""), retryAfter);
}
async function failure(response) {
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = void 0;
  }
  return errorFrom(response.status, body, retryAfterOf(response)) ?? new GatewayError(response.status, `http_${response.status}`, response.statusText || "unexpected answer");
}
function parseEvent(event) {
  try {
    const data = JSON.parse(event.data);
    return typeof data === "object" && data !== null ? data : void 0;
  } catch {
    return void 0;
  }
}
async function streamed(response, options) {
  let final;
  let failed;
  await readEventStream(response.body, (event) => {
    const data = parseEvent(event);
    if (data === void 0 || final !== void 0 || failed !== void 0) return;
    if (event.event === "error" || event.event === "message" && errorFrom(response.status, data)) {
      failed = errorFrom(response.status, data) ?? new GatewayError(response.status, "internal", "the stream failed");
    } else if (event.event === "result" || event.event === "message" && options.isFinal(data)) {
      final = data;
    } else options.onPartial?.(data, event.event);
  });
  if (failed) throw failed;
  if (final === void 0)
    throw new GatewayError(response.status, "stream_ended", "the stream ended before the answer");
  return final;
}
async function callGateway(path, body, options) {
  const started = performance.now();
  let response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", ...options.headers },
      body: JSON.stringify(body),
      signal: options.signal
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new GatewayError(0, "network", "jw1 could not be reached. Is the server running?");
  }
  if (!response.ok) throw await failure(response);
  const isStream = (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
  const value = isStream && response.body ? await streamed(response, options) : await response.json();
  return { value, streamed: isStream, elapsedMs: performance.now() - started };
}

// web/src/details.ts
function formatMs(ms) {
  if (ms >= 1e3) return `${(ms / 1e3).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}
function engineText(engine) {
  const provider = engine.executionProvider ? ` on ${engine.executionProvider}` : "";
  return `${engine.id} ${engine.version} (${engine.kind}${provider})`;
}
function timingText(timings) {
  const parts = [`total ${formatMs(timings.totalMs)}`];
  if (timings.queueMs > 0) parts.push(`queue ${formatMs(timings.queueMs)}`);
  if (timings.prefillMs > 0) parts.push(`prefill ${formatMs(timings.prefillMs)}`);
  if (timings.timeToFirstTokenMs > 0) parts.push(`first token ${formatMs(timings.timeToFirstTokenMs)}`);
  if (timings.decodeTokensPerSecond > 0) parts.push(`${timings.decodeTokensPerSecond.toFixed(1)} tokens/s`);
  return parts.join(" · ");
}
function commonFacts(engine, timings, usage, call) {
  const facts = [["Engine", engineText(engine), "engine"]];
  if (typeof engine.adapter === "string" && engine.adapter) facts.push(["Adapter", engine.adapter, "adapter"]);
  facts.push(["Timings", timingText(timings), "timings"]);
  if (usage.inputTokens > 0 || usage.outputTokens > 0)
    facts.push(["Tokens", `${usage.inputTokens} in · ${usage.outputTokens} out`, "tokens"]);
  facts.push([
    "Round trip",
    `${formatMs(call.elapsedMs)} ${call.streamed ? "(streamed)" : "(single answer)"}`,
    "round-trip"
  ]);
  return facts;
}
function factList(facts) {
  return h(
    "dl",
    { class: "facts" },
    ...facts.map(
      ([term, value, key]) => h("div", { class: "fact", "data-fact": key }, h("dt", {}, term), h("dd", {}, value))
    )
  );
}

// web/src/readiness.ts
var POLL_MS = 15e3;
var RECOVERY_POLL_MS = 2e3;
async function check(element) {
  const text = element.querySelector(".readiness-text");
  let state;
  let message;
  try {
    const response = await fetch("readyz", { signal: AbortSignal.timeout(5e3) });
    const body = await response.json();
    const down = Object.entries(body.agents ?? {}).filter(([, status]) => status !== "SERVING").map(([agent]) => agent);
    if (down.length > 0) [state, message] = ["degraded", `Degraded: ${down.join(" and ")} unavailable`];
    else if (response.ok) [state, message] = ["ready", "All agents ready"];
    else [state, message] = ["starting", "Starting up…"];
  } catch {
    [state, message] = ["down", "jw1 unreachable"];
  }
  element.dataset.state = state;
  if (text) text.textContent = message;
  return state;
}
var RECHECK_EVENT = "mpr:recheck-readiness";
function watchReadiness() {
  const element = byId("readiness");
  document.addEventListener(RECHECK_EVENT, () => void check(element));
  const poll = async () => {
    const state = document.visibilityState === "visible" ? await check(element) : element.dataset.state;
    setTimeout(poll, state === "ready" ? POLL_MS : RECOVERY_POLL_MS);
  };
  void poll();
}

// web/src/error-view.ts
var TITLES = {
  rate_limited: "Too many requests",
  overloaded: "The service is busy",
  unavailable: "Service unavailable",
  deadline_exceeded: "The request took too long",
  cancelled: "The request was cancelled",
  text_too_large: "The text is too long",
  batch_too_large: "Too many items",
  empty_text: "There is no text",
  invalid_text: "The text cannot be read",
  invalid_argument: "The request was not accepted",
  malformed_json: "The request was not valid JSON",
  unsupported_schema: "The schema is not supported",
  unknown_task: "Unknown task",
  prompt_too_long: "The text and instructions are too long for the model",
  model_error: "The model failed",
  internal: "Something went wrong on the server",
  network: "No connection",
  stream_ended: "The answer was cut off",
  unauthenticated: "An API key is needed",
  permission_denied: "This key may not do that",
  quota_exceeded: "The key has used up its quota",
  unknown_adapter: "Unknown adapter",
  schema_too_large: "The schema is too large",
  json_too_deep: "The request is nested too deeply"
};
var ADVICE = {
  rate_limited: "You are sending requests faster than this client is allowed.",
  overloaded: "The agents are at capacity.",
  unavailable: "An agent is down or jw1 is restarting; the service runs degraded until it is back.",
  deadline_exceeded: "Try a shorter text, or try again.",
  unauthenticated: "Enter your key in the API key field at the top of the page, then try again.",
  permission_denied: "Ask the service owner for a key that may use this task.",
  quota_exceeded: "The quota starts again after the wait below."
};
function sentence(message) {
  const text = message.trim();
  if (text === "") return "";
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
var countdown;
function clearError(slot) {
  if (countdown !== void 0) clearInterval(countdown);
  countdown = void 0;
  replaceChildren(slot);
}
function showError(slot, error, retry) {
  clearError(slot);
  const typed = error instanceof GatewayError ? error : new GatewayError(0, "internal", error?.message ?? String(error));
  if (typed.status === 503 || typed.status === 0) document.dispatchEvent(new Event(RECHECK_EVENT));
  const status = typed.status > 0 ? `${typed.status} · ` : "";
  const advice = ADVICE[typed.code];
  const retryButton = h("button", { type: "button", class: "button secondary small" }, "Try again");
  retryButton.addEventListener("click", retry);
  const keyButton = typed.code === "unauthenticated" ? h("button", { type: "button", class: "button secondary small" }, "Enter API key") : null;
  keyButton?.addEventListener("click", focusApiKey);
  const wait = h("span", { class: "retry-wait" });
  if (typed.retryAfterSeconds !== void 0) {
    let remaining = Math.ceil(typed.retryAfterSeconds);
    const tick = () => {
      wait.textContent = remaining > 0 ? `Retry after ${remaining} s` : "You can retry now";
      retryButton.disabled = remaining > 0;
      if (remaining <= 0 && countdown !== void 0) {
        clearInterval(countdown);
        countdown = void 0;
      }
      remaining -= 1;
    };
    tick();
    countdown = setInterval(tick, 1e3);
  }
  replaceChildren(
    slot,
    h(
      "div",
      { class: "alert", role: "alert", "data-code": typed.code, "data-status": typed.status },
      h("p", { class: "alert-title" }, TITLES[typed.code] ?? "Request failed"),
      h("p", { class: "alert-message" }, sentence(typed.message), advice ? ` ${advice}` : ""),
      h(
        "div",
        { class: "alert-foot" },
        h("code", { class: "alert-code" }, `${status}${typed.code}`),
        wait,
        keyButton,
        retryButton
      )
    )
  );
}

// web/src/run-controls.ts
function wireRunControls(parts, work) {
  const { form, submit, cancel, output, errorSlot, busy } = parts;
  let controller;
  const run = async () => {
    const call = work.prepare();
    if (!call) return;
    controller?.abort();
    const current = new AbortController();
    controller = current;
    clearError(errorSlot);
    busy(true);
    try {
      await call(current.signal);
    } catch (error) {
      if (error.name === "AbortError") {
        if (controller === current) replaceChildren(output, h("p", { class: "empty" }, "Stopped."));
      } else {
        work.failed();
        showError(errorSlot, error, () => form.requestSubmit());
      }
    } finally {
      if (controller === current) busy(false);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  cancel.addEventListener("click", () => {
    controller?.abort();
    submit.focus();
  });
}

// web/src/examples.ts
var CLEAN_EXAMPLES = [
  { label: "Everyday mistakes", text: "She go to scool evry day . I has a apple and and a pear." },
  {
    label: "A short email",
    text: "hi team,\n\ni recieve the report yesterday and their is a error in the the second table. Can you please fix it untill friday ?\n\nthanks"
  },
  {
    label: "A longer text",
    text: "The meeting have been moved to thursday. Everyone should brings there laptop . We will discuss the the budget for next year and who are responsible for the launch. Please dont be late, the room is only free untill noon."
  },
  { label: "Already clean", text: "The quarterly report is ready for review." }
];
var DESCRIBE_EXAMPLE = "Alice from Acme met Bob in Paris on Monday to sign the $5,000 contract. Please confirm by Friday.";
var SCHEMA_EXAMPLE = JSON.stringify(
  {
    type: "object",
    required: ["topic", "people", "urgent"],
    properties: {
      topic: { type: "string" },
      people: { type: "array", items: { type: "string" } },
      urgent: { type: "boolean" }
    }
  },
  null,
  2
);

// web/src/marks.ts
function operationOf(edit) {
  if (edit.replacement === "") return "deletion";
  if (edit.start === edit.end || edit.original === "") return "insertion";
  return "replacement";
}
var KIND_LABELS = {
  repeated_word: "Repeated word",
  unspecified: "Edit"
};
function kindLabel(kind) {
  return KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1).replaceAll("_", " ");
}
function quoted(text) {
  return `“${text.replaceAll("\n", "⏎")}”`;
}
function changeText(edit) {
  const operation = operationOf(edit);
  if (operation === "deletion") return `removed ${quoted(edit.original)}`;
  if (operation === "insertion") return `inserted ${quoted(edit.replacement)}`;
  return `${quoted(edit.original)} → ${quoted(edit.replacement)}`;
}
function covered(ranges, at) {
  return ranges.some((range) => at >= range.start && at < range.end);
}
function textRuns(text, start, end, done) {
  if (start >= end) return [];
  if (done === void 0) return [{ type: "text", text: text.slice(start, end), start, end, pending: false }];
  const cuts = /* @__PURE__ */ new Set([start, end]);
  for (const range of done) {
    if (range.start > start && range.start < end) cuts.add(range.start);
    if (range.end > start && range.end < end) cuts.add(range.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const from = points[i];
    const to = points[i + 1];
    const pending = !covered(done, from);
    const last = runs.at(-1);
    if (last?.type === "text" && last.pending === pending) {
      last.text += text.slice(from, to);
      last.end = to;
    } else runs.push({ type: "text", text: text.slice(from, to), start: from, end: to, pending });
  }
  return runs;
}
function segmentText(text, edits, done) {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  const segments = [];
  let cursor = 0;
  for (const { edit, index } of ordered) {
    if (edit.start < cursor || edit.end > text.length || edit.end < edit.start) continue;
    segments.push(...textRuns(text, cursor, edit.start, done));
    segments.push({ type: "edit", edit, operation: operationOf(edit), index });
    cursor = edit.end;
  }
  segments.push(...textRuns(text, cursor, text.length, done));
  return segments;
}

// web/src/render-marks.ts
function editMark(segment, idPrefix) {
  const { edit, operation, index } = segment;
  const tipId = `${idPrefix}-tip-${index}`;
  const mark = h(
    "span",
    {
      class: `edit ${operation}`,
      tabindex: 0,
      "aria-describedby": tipId,
      "data-index": index,
      "data-kind": edit.kind,
      "data-operation": operation,
      "data-start": edit.start,
      "data-end": edit.end
    },
    operation === "insertion" ? null : h("del", {}, edit.original),
    operation === "deletion" ? null : h("ins", {}, edit.replacement)
  );
  const tip = h(
    "span",
    { class: "tip", role: "tooltip", id: tipId },
    h("strong", { class: "tip-kind" }, kindLabel(edit.kind)),
    h("span", { class: "tip-change" }, ` ${changeText(edit)}`),
    edit.message ? h("span", { class: "tip-message" }, ` ${edit.message}`) : null
  );
  const wrap = h("span", { class: "edit-wrap" }, mark, tip);
  mark.addEventListener("keydown", (event) => {
    if (event.key === "Escape") wrap.classList.add("dismissed");
  });
  const restore = () => wrap.classList.remove("dismissed");
  mark.addEventListener("blur", restore);
  mark.addEventListener("mouseleave", restore);
  return wrap;
}
function markedText(text, edits, idPrefix, done) {
  const block = h("p", { class: "marked-text", "data-view": "changes" });
  for (const segment of segmentText(text, edits, done)) {
    if (segment.type === "text") {
      block.append(segment.pending ? h("span", { class: "pending" }, segment.text) : segment.text);
    } else block.append(editMark(segment, idPrefix));
  }
  return block;
}
function editList(edits) {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  return h(
    "details",
    { class: "edit-list", open: true },
    h("summary", {}, `${edits.length} ${edits.length === 1 ? "edit" : "edits"}`),
    h(
      "ol",
      {},
      ...sorted.map((edit) => {
        const operation = operationOf(edit);
        return h(
          "li",
          { "data-operation": operation },
          h("span", { class: `kind-chip ${operation}` }, kindLabel(edit.kind)),
          h(
            "span",
            { class: "change" },
            operation === "insertion" ? null : h("del", {}, edit.original),
            operation === "replacement" ? h("span", { class: "arrow", "aria-hidden": "true" }, " → ") : null,
            operation === "replacement" ? h("span", { class: "visually-hidden" }, " becomes ") : null,
            operation === "deletion" ? null : h("ins", {}, edit.replacement)
          ),
          edit.message ? h("span", { class: "message" }, edit.message) : null
        );
      })
    )
  );
}
function flagList(text, flags) {
  return h(
    "details",
    { class: "edit-list flag-list" },
    h("summary", {}, `${flags.length} left unchanged but doubtful`),
    h(
      "ol",
      {},
      ...[...flags].sort((a, b) => a.start - b.start).map(
        (flag) => h(
          "li",
          {},
          h("span", { class: "kind-chip" }, kindLabel(flag.kind)),
          h("q", { class: "flagged" }, text.slice(flag.start, flag.end)),
          flag.message ? h("span", { class: "message" }, flag.message) : null
        )
      )
    )
  );
}

// web/src/clean-tab.ts
var SKIP_REASONS = {
  empty: "Skipped: the text is empty",
  trivial: "Skipped: nothing to correct in so short a text",
  unsupported_language: "Skipped: the language is not supported",
  cache_hit: "Answered from the cache",
  already_clean: "Skipped: the text is already clean"
};
function isFinal(data) {
  return typeof data.cleanedText === "string" && typeof data.skipped === "boolean";
}
function sentenceOf(data) {
  const source = typeof data.sentence === "object" && data.sentence !== null ? data.sentence : data;
  const range = typeof source.start === "number" && typeof source.end === "number" ? { start: source.start, end: source.end } : void 0;
  const edits = Array.isArray(source.edits) ? source.edits : Array.isArray(data.edits) ? data.edits : [];
  return range ? { range, edits } : { edits };
}
function notices(result) {
  const list = [];
  if (result.degraded)
    list.push(
      h("p", { class: "notice warning" }, "Degraded: the cleaner was unavailable, so the text came back unchanged.")
    );
  if (result.guardFallback)
    list.push(
      h(
        "p",
        { class: "notice warning" },
        `A guard kept the original text${result.guardReason ? `: ${result.guardReason}` : "."}`
      )
    );
  for (const failure2 of result.failedSentences ?? [])
    list.push(
      h(
        "p",
        { class: "notice warning" },
        `Characters ${failure2.start}–${failure2.end} came back unchanged (${failure2.error.code}: ${failure2.error.message}).`
      )
    );
  return list;
}
function headline(result) {
  if (result.skipped) return SKIP_REASONS[result.skipReason ?? ""] ?? `Skipped (${result.skipReason})`;
  if (result.edits.length === 0) return "No corrections needed";
  return `${result.edits.length} ${result.edits.length === 1 ? "correction" : "corrections"}`;
}
function setupCleanTab() {
  const form = byId("clean-form");
  const textarea = byId("clean-text");
  const counter = byId("clean-count");
  const submit = byId("clean-submit");
  const cancel = byId("clean-cancel");
  const output = byId("clean-output");
  const details = byId("clean-details");
  const errorSlot = byId("clean-error");
  const showChanges = byId("view-changes");
  const showClean = byId("view-clean");
  const copy = byId("copy-clean");
  const examples = byId("clean-example");
  let last;
  let view = "changes";
  const count = () => {
    counter.textContent = `${textarea.value.length} ${textarea.value.length === 1 ? "character" : "characters"}`;
  };
  for (const [index, example] of CLEAN_EXAMPLES.entries())
    examples.append(h("option", { value: String(index) }, example.label));
  examples.addEventListener("change", () => {
    const example = CLEAN_EXAMPLES[Number(examples.value)];
    if (examples.value === "" || !example) return;
    textarea.value = example.text;
    count();
    examples.value = "";
    textarea.focus();
  });
  textarea.addEventListener("input", count);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  const busy = (on) => {
    output.setAttribute("aria-busy", String(on));
    submit.textContent = on ? "Cleaning…" : "Clean text";
    cancel.hidden = !on;
  };
  const render = () => {
    if (!last) return;
    const { text, call } = last;
    const result = call.value;
    const body = view === "changes" ? markedText(text, result.edits, "clean") : h("p", { class: "clean-text", "data-view": "clean" }, result.cleanedText);
    replaceChildren(
      output,
      h("p", { class: "headline", "data-skipped": result.skipped }, headline(result)),
      ...notices(result),
      body
    );
    const facts = [
      ["Skip reason", result.skipped ? result.skipReason ?? "unknown" : "none (cleaned by the agent)", "skip-reason"],
      ...commonFacts(result.engine, result.timings, result.usage, call)
    ];
    if (result.verifiedClean) facts.push(["Checked", "the cheap checker found nothing to correct", "verified"]);
    const flags = result.flags ?? [];
    replaceChildren(
      details,
      factList(facts),
      result.edits.length > 0 ? editList(result.edits) : null,
      flags.length > 0 ? flagList(text, flags) : null
    );
    copy.disabled = false;
  };
  const setView = (next) => {
    view = next;
    showChanges.setAttribute("aria-pressed", String(next === "changes"));
    showClean.setAttribute("aria-pressed", String(next === "clean"));
    render();
  };
  showChanges.addEventListener("click", () => setView("changes"));
  showClean.addEventListener("click", () => setView("clean"));
  copy.addEventListener("click", async () => {
    if (!last) return;
    try {
      await navigator.clipboard.writeText(last.call.value.cleanedText);
      copy.textContent = "Copied";
    } catch {
      copy.textContent = "Copy failed";
    }
    setTimeout(() => {
      copy.textContent = "Copy";
    }, 1500);
  });
  wireRunControls(
    { form, submit, cancel, output, errorSlot, busy },
    {
      prepare: () => {
        const text = textarea.value;
        const done = [];
        const edits = [];
        return async (signal) => {
          const call = await callGateway(
            "v1/clean",
            { text },
            {
              signal,
              headers: authorizationHeaders(),
              isFinal,
              onPartial: (data) => {
                const sentence2 = sentenceOf(data);
                if (sentence2.range) done.push(sentence2.range);
                edits.push(...sentence2.edits);
                replaceChildren(
                  output,
                  h(
                    "p",
                    { class: "headline" },
                    `Cleaning… ${done.length} ${done.length === 1 ? "sentence" : "sentences"} done`
                  ),
                  markedText(text, edits, "clean", done)
                );
              }
            }
          );
          last = { text, call };
          render();
        };
      },
      failed: () => {
        last = void 0;
        copy.disabled = true;
        replaceChildren(output, h("p", { class: "empty" }, "No result for this text."));
        replaceChildren(details);
      }
    }
  );
  count();
}

// web/src/json-view.ts
var TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
function jsonBlock(value) {
  const text = JSON.stringify(value, null, 2) ?? "undefined";
  const code = h("code", {});
  let cursor = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index;
    if (at > cursor) code.append(text.slice(cursor, at));
    const [whole, string, colon, literal, number] = match;
    if (string !== void 0) {
      code.append(h("span", { class: colon ? "json-key" : "json-string" }, string));
      if (colon) code.append(colon);
    } else if (literal !== void 0) code.append(h("span", { class: "json-literal" }, literal));
    else if (number !== void 0) code.append(h("span", { class: "json-number" }, number));
    cursor = at + whole.length;
  }
  code.append(text.slice(cursor));
  return h("pre", { class: "json", tabindex: 0, role: "region", "aria-label": "JSON document" }, code);
}

// web/src/describe-tab.ts
function isFinal2(data) {
  return typeof data.schemaValid === "boolean" && "json" in data;
}
function partialText(data, sofar) {
  for (const field2 of ["jsonDelta", "delta"]) {
    if (typeof data[field2] === "string") return sofar + data[field2];
  }
  for (const field2 of ["text", "partial", "json"]) {
    if (typeof data[field2] === "string") return data[field2];
  }
  return sofar;
}
function setupDescribeTab() {
  const form = byId("describe-form");
  const textarea = byId("describe-text");
  const schemaFields = byId("schema-fields");
  const schemaInput = byId("describe-schema");
  const schemaProblem = byId("schema-problem");
  const instructions = byId("describe-instructions");
  const submit = byId("describe-submit");
  const cancel = byId("describe-cancel");
  const output = byId("describe-output");
  const details = byId("describe-details");
  const verdict = byId("describe-verdict");
  const errorSlot = byId("describe-error");
  textarea.value = DESCRIBE_EXAMPLE;
  schemaInput.value = SCHEMA_EXAMPLE;
  const task = () => form.elements.namedItem("task").value;
  const syncTask = () => {
    schemaFields.hidden = task() !== "custom";
  };
  form.addEventListener("change", syncTask);
  syncTask();
  for (const input of [textarea, schemaInput]) {
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }
  const busy = (on) => {
    output.setAttribute("aria-busy", String(on));
    submit.textContent = on ? "Describing…" : "Describe";
    cancel.hidden = !on;
  };
  const requestBody = () => {
    schemaProblem.textContent = "";
    schemaInput.removeAttribute("aria-invalid");
    if (task() !== "custom") return { text: textarea.value, task: task() };
    let schema;
    try {
      schema = JSON.parse(schemaInput.value);
    } catch (error) {
      schemaProblem.textContent = `The schema is not valid JSON: ${error.message}`;
      schemaInput.setAttribute("aria-invalid", "true");
      schemaInput.focus();
      return void 0;
    }
    return { text: textarea.value, schema, ...instructions.value.trim() ? { instructions: instructions.value } : {} };
  };
  const showDocument = (call) => {
    const result = call.value;
    verdict.className = `verdict ${result.schemaValid ? "valid" : "invalid"}`;
    verdict.textContent = result.schemaValid ? "Valid against the schema" : `Not valid: ${result.schemaErrors.length} ${result.schemaErrors.length === 1 ? "problem" : "problems"}`;
    replaceChildren(
      output,
      result.schemaErrors.length > 0 ? h(
        "ul",
        { class: "notice warning schema-errors" },
        ...result.schemaErrors.map((problem) => h("li", {}, problem))
      ) : null,
      jsonBlock(result.json)
    );
    const facts = [
      ["Task", result.task || "custom schema", "task"],
      ["Decoding", result.constrained ? "constrained by the schema" : "unconstrained, validated after", "decoding"]
    ];
    if (result.unfilledFields.length > 0)
      facts.push(["Filled by default", result.unfilledFields.join(", "), "unfilled"]);
    facts.push(...commonFacts(result.engine, result.timings, result.usage, call));
    replaceChildren(details, factList(facts));
  };
  wireRunControls(
    { form, submit, cancel, output, errorSlot, busy },
    {
      prepare: () => {
        const body = requestBody();
        if (!body) return void 0;
        return async (signal) => {
          let sofar = "";
          verdict.textContent = "";
          verdict.className = "verdict";
          const call = await callGateway("v1/describe", body, {
            signal,
            headers: authorizationHeaders(),
            isFinal: isFinal2,
            onPartial: (data) => {
              sofar = partialText(data, sofar);
              replaceChildren(
                output,
                h("pre", { class: "json streaming" }, h("code", {}, sofar), h("span", { class: "caret" }))
              );
            }
          });
          showDocument(call);
        };
      },
      failed: () => {
        replaceChildren(output, h("p", { class: "empty" }, "No document for this text."));
        replaceChildren(details);
      }
    }
  );
}

// web/src/tabs.ts
function setupTabs(tablist, onChange) {
  const tabs = [...tablist.querySelectorAll('[role="tab"]')];
  const select = (tab, focus) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(other.getAttribute("aria-controls") ?? "");
      if (panel) panel.hidden = !selected;
    }
    if (focus) tab.focus();
    if (location.hash !== `#${tab.id.replace(/^tab-/, "")}`)
      history.replaceState(null, "", `#${tab.id.replace(/^tab-/, "")}`);
    onChange?.(tab);
  };
  for (const tab of tabs) {
    tab.addEventListener("click", () => select(tab, false));
    tab.addEventListener("keydown", (event) => {
      const at = tabs.indexOf(tab);
      const next = event.key === "ArrowRight" ? tabs[(at + 1) % tabs.length] : event.key === "ArrowLeft" ? tabs[(at - 1 + tabs.length) % tabs.length] : event.key === "Home" ? tabs[0] : event.key === "End" ? tabs.at(-1) : void 0;
      if (next) {
        event.preventDefault();
        select(next, true);
      }
    });
  }
  const fromHash = tabs.find((tab) => tab.id === `tab-${location.hash.slice(1)}`);
  if (fromHash) select(fromHash, false);
}

// web/src/main.ts
setupApiKey();
setupTabs(byId("main").querySelector('[role="tablist"]'));
setupCleanTab();
setupDescribeTab();
watchReadiness();
