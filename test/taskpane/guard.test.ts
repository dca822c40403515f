/**
 * The webview guard, the inline script at the top of src/taskpane/taskpane.html: it must parse as ES5
 * (it is the one script Internet Explorer 11 and EdgeHTML can run), and it must tell those engines from
 * current ones. It runs here in a vm context with a stubbed window and document; an old engine's parser is
 * played by acorn at that engine's ECMAScript version, so the syntax probe is judged as such a parser would
 * judge it. test/browser/oldWebview.spec.ts loads the built page in Chromium.
 */
import * as acorn from "acorn";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";

const HTML = fs.readFileSync(path.join(__dirname, "..", "..", "src", "taskpane", "taskpane.html"), "utf8");
const GUARD = /<script id="webview-guard">([\s\S]*?)<\/script>/.exec(HTML)?.[1] ?? "";

const UA = {
  ie11: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko",
  ie11Compat:
    "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office)",
  edgeHtml:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
  webView2:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.2849.80",
  macWebKit: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
  chrome:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
  firefox: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
};

type Verdict = { supported: boolean; engine: string | null; syntax: string; reasons: string[] };

/** What the engine's `new Function(body)` does: parse at that ECMAScript version, as Node, or refuse (CSP). */
type Parser = acorn.ecmaVersion | "native" | "csp";

function compiler(parser: Parser): (...args: string[]) => unknown {
  if (parser === "native") return Function;
  if (parser === "csp") {
    return function () {
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed");
    };
  }
  // acorn throws a SyntaxError, as the engine's parser would. Not an arrow: the guard calls it with new.
  return function (body: string) {
    acorn.parse(`(function () {\n${body}\n})`, { ecmaVersion: parser });
  };
}

/** Runs the guard as a page would, in an engine described by the user agent, parser and missing built-ins. */
function runGuard({
  ua,
  parser,
  missing = [],
  readyState = "loading",
  className = "",
}: {
  ua: string;
  parser: Parser;
  missing?: string[];
  readyState?: string;
  className?: string;
}) {
  const listeners: Record<string, () => void> = {};
  const slot = {
    firstChild: null as { text: string } | null,
    appendChild(node: { text: string }) {
      this.firstChild = node;
    },
  };
  const document = {
    documentElement: { className },
    readyState,
    addEventListener: (type: string, fn: () => void) => void (listeners[type] = fn),
    getElementById: (id: string) => (id === "unsupported-detail" ? slot : null),
    createTextNode: (text: string) => ({ text }),
  };
  const window: Record<string, unknown> = {
    navigator: { userAgent: ua },
    Function: compiler(parser),
    Promise,
    Symbol,
    Map,
    Set,
    WeakMap,
  };
  for (const name of missing) delete window[name];
  vm.runInNewContext(GUARD, { window, document }, { filename: "webview-guard.js" });
  return {
    verdict: window.__kmeansWebview as Verdict,
    className: () => document.documentElement.className,
    onerror: window.onerror as (() => unknown) | undefined,
    listeners,
    detail: () => slot.firstChild?.text ?? null,
  };
}

describe("the guard script", () => {
  test("is the first script of the page, ahead of office.js (and so of the bundles webpack injects)", () => {
    expect(GUARD).not.toBe("");
    const scripts = [...HTML.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts[0]).toBe('<script id="webview-guard">');
    expect(scripts[1]).toContain("appsforoffice.microsoft.com/lib/1/hosted/office.js");
  });

  test("parses as ES5", () => {
    expect(() => acorn.parse(GUARD, { ecmaVersion: 5 })).not.toThrow();
  });

  test("an ES5 parse catches what would slip in (so the check above has teeth)", () => {
    for (const modern of [
      "let a = 1;",
      "var f = () => 1;",
      "f(1,\n2,\n);",
      "var s = `x`;",
      "var { a } = b;",
    ]) {
      expect(() => acorn.parse(modern, { ecmaVersion: 5 })).toThrow(SyntaxError);
    }
  });

  test("holds no lodash template delimiters (html-webpack-plugin renders the page as a template)", () => {
    expect(GUARD).not.toMatch(/<%|\$\{/);
  });

  test("its syntax probe needs what the bundles use, ES2022: it compiles at 2022 and not at 2021", () => {
    let probe = "";
    const window = {
      navigator: { userAgent: UA.chrome },
      Function: function (body: string) {
        probe = body;
      },
      Promise,
      Symbol,
      Map,
      Set,
      WeakMap,
    };
    vm.runInNewContext(GUARD, { window, document: { documentElement: { className: "" } } });
    expect(probe).toContain("?.");
    expect(() => compiler(2022)(probe)).not.toThrow();
    expect(() => compiler(2021)(probe)).toThrow(SyntaxError);
    expect(() => compiler(2019)(probe)).toThrow(SyntaxError);
    expect(() => compiler(5)(probe)).toThrow(SyntaxError);
  });
});

describe("old engines are refused", () => {
  test.each([
    ["Internet Explorer 11", UA.ie11],
    ["Internet Explorer 11 in compatibility mode", UA.ie11Compat],
  ])("%s: its user agent, ES5 parser and missing Promise and Symbol", (_name, ua) => {
    const run = runGuard({ ua, parser: 5, missing: ["Promise", "Symbol"] });
    expect(run.verdict).toEqual({
      supported: false,
      engine: "Internet Explorer 11 (Trident)",
      syntax: "missing",
      reasons: ["user agent: Internet Explorer 11 (Trident)", "no ES2022 syntax", "no Promise", "no Symbol"],
    });
    expect(run.className()).toBe("kmeans-unsupported");
    // The bundles' syntax errors are marked handled, not shown over the message.
    expect(run.onerror?.()).toBe(true);
    expect(run.detail()).toBeNull();
    run.listeners.DOMContentLoaded();
    expect(run.detail()).toBe("This pane is running in Internet Explorer 11 (Trident).");
  });

  test("EdgeHTML 18 (about ES2018): its user agent and parser", () => {
    const run = runGuard({ ua: UA.edgeHtml, parser: 2018 });
    expect(run.verdict).toEqual({
      supported: false,
      engine: "Microsoft Edge Legacy (EdgeHTML)",
      syntax: "missing",
      reasons: ["user agent: Microsoft Edge Legacy (EdgeHTML)", "no ES2022 syntax"],
    });
    expect(run.className()).toBe("kmeans-unsupported");
  });

  test("an engine with an unremarkable user agent but an ES2021 parser, by the probe alone", () => {
    const run = runGuard({ ua: UA.chrome, parser: 2021, readyState: "complete" });
    expect(run.verdict).toMatchObject({ supported: false, engine: null, reasons: ["no ES2022 syntax"] });
    // After parsing (the guard ran late), the detail is filled at once.
    expect(run.detail()).toBe("This pane's browser engine cannot run current JavaScript (no ES2022 syntax).");
  });

  test("a missing built-in alone", () => {
    const run = runGuard({ ua: UA.chrome, parser: "native", missing: ["WeakMap"] });
    expect(run.verdict).toMatchObject({ supported: false, syntax: "ok", reasons: ["no WeakMap"] });
  });

  test("the user agent alone, on an engine that parses it all (as the browser test triggers it in Chromium)", () => {
    const run = runGuard({ ua: UA.ie11, parser: "native", className: "js" });
    expect(run.verdict).toMatchObject({ supported: false, syntax: "ok" });
    expect(run.className()).toBe("js kmeans-unsupported");
  });

  test("a content security policy that forbids eval leaves the user agent to decide", () => {
    expect(runGuard({ ua: UA.edgeHtml, parser: "csp" }).verdict).toMatchObject({
      supported: false,
      syntax: "unknown",
    });
    expect(runGuard({ ua: UA.webView2, parser: "csp" }).verdict).toEqual({
      supported: true,
      engine: null,
      syntax: "unknown",
      reasons: [],
    });
  });
});

describe("current engines pass untouched", () => {
  test.each([
    ["WebView2 (Chromium Edge says Edg/, not Edge/)", UA.webView2],
    ["Safari's WKWebView on the Mac", UA.macWebKit],
    ["Chrome", UA.chrome],
    ["Firefox", UA.firefox],
  ])("%s", (_name, ua) => {
    const run = runGuard({ ua, parser: "native" });
    expect(run.verdict).toEqual({ supported: true, engine: null, syntax: "ok", reasons: [] });
    expect(run.className()).toBe("");
    expect(run.onerror).toBeUndefined();
    expect(run.listeners).toEqual({});
  });
});
