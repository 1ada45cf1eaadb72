/* The editor's form, enhanced: send the article to /v1/repair and show the answer as a
 * redline in which every name fix can be kept or rejected and every grammar suggestion applied.
 *
 * Without this script the form posts to / and the server renders a static result.
 *
 * Offsets: the API counts Unicode code points, JavaScript strings count UTF-16 units. The
 * input is held as an array of code points (Array.from), and every span below indexes it.
 * Name fixes index the input; grammar suggestions index the server's `text` (the input with
 * the applied fixes) and are mapped back to the input through diff.ops once, on arrival. The
 * final text is then rebuilt from the input and the editor's choices, so a rejected fix or an
 * applied suggestion never shifts another span.
 */
(function () {
  "use strict";

  var form = document.getElementById("repair-form");
  if (!form || !window.fetch || !Array.from) return;

  var $ = function (id) { return document.getElementById(id); };
  var textArea = $("text");
  var statusBox = $("status");
  var errorBox = $("error");
  var live = $("live-result");
  var maxChars = parseInt(form.getAttribute("data-max-chars"), 10) || 0;
  var WIKIDATA = "https://www.wikidata.org/wiki/";
  var MAX_MARK = 60;     // longest grammar span marked in the text, in characters
  var model = null;      // the result under review
  var inFlight = null;   // AbortController of the running request
  var ticker = null;

  document.documentElement.classList.add("js");

  /* ---- small helpers ------------------------------------------------------------------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function say(message) {
    // Clear first so that the same message twice is announced twice.
    statusBox.textContent = "";
    window.setTimeout(function () { statusBox.textContent = message; }, 30);
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  function overlaps(a, b) {
    // Half-open spans; an empty span overlaps a span that strictly contains its position.
    if (a.start === a.end && b.start === b.end) return a.start === b.start;
    if (a.start === a.end) return b.start < a.start && a.start < b.end;
    if (b.start === b.end) return a.start < b.start && b.start < a.end;
    return a.start < b.end && b.start < a.end;
  }

  // Where a suggestion is: its text in bold with a few words either side, on one line.
  function excerpt(m, span) {
    var WIDTH = 30, flat = function (s) { return s.replace(/\s+/g, " "); };
    var mid = Array.from(flat(m.slice(span.start, span.end)));
    var long = mid.length > 2 * WIDTH;
    var a = Math.max(0, span.start - WIDTH), b = long ? span.end : Math.min(m.chars.length, span.end + WIDTH);
    var before = flat(m.slice(a, span.start)), after = flat(m.slice(span.end, b));
    if (a > 0) before = "…" + before.replace(/^\S*\s?/, "");
    if (b < m.chars.length && !long) after = after.replace(/\s?\S*$/, "") + "…";
    return el("span", { className: "excerpt" }, [
      before,
      el("strong", { text: long ? mid.slice(0, 2 * WIDTH).join("") + "…" : mid.join("") || "\u2038" }),
      after,
    ]);
  }

  /* ---- the model: input, spans, choices ------------------------------------------------ */

  function buildModel(input, body) {
    var chars = Array.from(input);
    var slice = function (a, b) { return chars.slice(a, b).join(""); };
    var fixes = [];
    (body.corrections || []).slice().sort(function (a, b) { return a.start - b.start; })
      .forEach(function (c, i) {
        var span = { start: c.start, end: c.end };
        // Only fixes that really are where they say, and never two on the same text.
        if (slice(c.start, c.end) !== c.original) return;
        if (fixes.some(function (f) { return overlaps(f, span); })) return;
        fixes.push({
          kind: "fix", id: "fix-" + i, start: c.start, end: c.end,
          original: c.original, replacement: c.replacement,
          auto: !!c.applied, accepted: !!c.applied,
          confidence: c.confidence, reason: c.reason, entity: c.entity || {},
        });
      });

    // Server text -> input: shift by every applied op wholly before the span.
    var ops = ((body.diff && body.diff.ops) || []).slice().sort(function (a, b) { return a.start - b.start; });
    var grammar = [];
    (body.suggestions || []).forEach(function (s, i) {
      var start = s.start, end = s.end, shift = 0, hit = false;
      ops.forEach(function (op) {
        if (overlaps({ start: start, end: end }, { start: op.out_start, end: op.out_end })) hit = true;
        else if (op.out_end <= start) shift += (op.end - op.start) - (op.out_end - op.out_start);
      });
      if (hit) return;
      var span = { start: start + shift, end: end + shift };
      if (span.start < 0 || span.end > chars.length) return;
      // A suggestion touching any name fix, applied or not, would fight it: leave it out.
      if (fixes.some(function (f) { return overlaps(f, span); })) return;
      grammar.push({
        kind: "grammar", id: "gram-" + i, start: span.start, end: span.end,
        original: slice(span.start, span.end), message: s.message || "",
        replacements: (s.replacements || []).slice(0, 5), rule: s.rule || {}, engine: s.engine || "",
        applied: null, inline: false,
      });
    });

    // Mark in the text the short suggestions that do not overlap one another, preferring
    // those that can be applied; the rest (notes on whole sentences) are only listed.
    var marked = [];
    grammar.filter(function (g) {
      return g.end - g.start <= MAX_MARK && g.original.indexOf("\n") < 0;
    }).sort(function (a, b) {
      return (b.replacements.length > 0) - (a.replacements.length > 0)
        || (a.end - a.start) - (b.end - b.start) || a.start - b.start;
    }).forEach(function (g) {
      if (marked.some(function (m) { return overlaps(m, g); })) return;
      g.inline = true;
      marked.push(g);
    });

    return { input: input, chars: chars, slice: slice, fixes: fixes, grammar: grammar, meta: body.meta || {} };
  }

  function spans(m) {
    return m.fixes.concat(m.grammar.filter(function (g) { return g.inline; }))
      .sort(function (a, b) { return a.start - b.start || a.end - b.end; });
  }

  function current(span) {
    if (span.kind === "fix") return span.accepted ? span.replacement : span.original;
    return span.applied === null ? span.original : span.applied;
  }

  function finalText(m) {
    var out = [], pos = 0;
    spans(m).forEach(function (s) {
      out.push(m.slice(pos, s.start), current(s));
      pos = s.end;
    });
    out.push(m.slice(pos, m.chars.length));
    return out.join("");
  }

  /* A unified diff (three lines of context) of the input against the final text. */
  function unifiedDiff(m) {
    var edits = spans(m).filter(function (s) { return current(s) !== m.slice(s.start, s.end); });
    if (!edits.length) return "";
    // Lines of the input as [start, end) in code points, each with its newline.
    var lines = [], from = 0;
    m.chars.forEach(function (ch, i) {
      if (ch === "\n") { lines.push([from, i + 1]); from = i + 1; }
    });
    if (from < m.chars.length || !lines.length) lines.push([from, m.chars.length]);
    var lineOf = function (pos) {
      for (var i = 0; i < lines.length; i++) if (pos < lines[i][1]) return i;
      return lines.length - 1;
    };
    var CONTEXT = 3, hunks = [];
    edits.forEach(function (e) {
      var first = Math.max(0, lineOf(e.start) - CONTEXT);
      var last = Math.min(lines.length - 1, lineOf(Math.max(e.start, e.end - 1)) + CONTEXT);
      var h = hunks[hunks.length - 1];
      if (h && first <= h.last + 1) { h.last = Math.max(h.last, last); h.edits.push(e); }
      else hunks.push({ first: first, last: last, edits: [e] });
    });
    var out = ["--- input\n", "+++ repaired\n"], shift = 0;
    var range = function (start, count) { return count === 1 ? String(start) : start + "," + count; };
    hunks.forEach(function (h) {
      var a = lines[h.first][0], b = lines[h.last][1];
      var oldText = m.slice(a, b), newParts = [], pos = a;
      h.edits.forEach(function (e) { newParts.push(m.slice(pos, e.start), current(e)); pos = e.end; });
      newParts.push(m.slice(pos, b));
      var split = function (s) { return s.match(/[^\n]*\n|[^\n]+$/g) || []; };
      var oldLines = split(oldText), newLines = split(newParts.join(""));
      var oldStart = h.first + 1, newStart = h.first + 1 + shift;
      out.push("@@ -" + range(oldLines.length ? oldStart : oldStart - 1, oldLines.length)
        + " +" + range(newLines.length ? newStart : newStart - 1, newLines.length) + " @@\n");
      // Unchanged lines at either end of the hunk are context; the middle is - then +.
      var head = 0;
      while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
      var tail = 0;
      while (tail < oldLines.length - head && tail < newLines.length - head
        && oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]) tail++;
      var emit = function (prefix, line) {
        out.push(prefix + line);
        if (line.slice(-1) !== "\n") out.push("\n\\ No newline at end of file\n");
      };
      oldLines.slice(0, head).forEach(function (l) { emit(" ", l); });
      oldLines.slice(head, oldLines.length - tail).forEach(function (l) { emit("-", l); });
      newLines.slice(head, newLines.length - tail).forEach(function (l) { emit("+", l); });
      oldLines.slice(oldLines.length - tail).forEach(function (l) { emit(" ", l); });
      shift += newLines.length - oldLines.length;
    });
    return out.join("");
  }

  /* ---- rendering --------------------------------------------------------------------- */

  function percent(x) { return Math.round((Number(x) || 0) * 100) + "%"; }

  function who(entity) { return [entity.role, entity.country].filter(Boolean).join(", "); }

  function wikidataLink(entity) {
    if (!/^Q[0-9]+$/.test(entity.id || "")) return null;
    return el("a", { href: WIKIDATA + entity.id, target: "_blank", rel: "noopener noreferrer",
      text: "Wikidata " + entity.id });
  }

  // One marked name fix: a button showing the change, and its card (shown on hover/focus).
  function fixNode(f) {
    var mark = el("button", { type: "button", className: "mark", id: f.id, "aria-describedby": f.id + "-card" });
    var decide = el("button", { type: "button", className: "decide" });
    decide.addEventListener("click", function () { toggleFix(f); });
    var link = wikidataLink(f.entity);
    var card = el("span", { className: "card", id: f.id + "-card", role: "group",
      "aria-label": "Name fix: " + f.original + " to " + f.replacement }, [
      el("span", { className: "card-line card-who" }, [el("strong", { text: f.entity.name || f.replacement })]),
      el("span", { className: "card-line", text: who(f.entity) }),
      link ? el("span", { className: "card-line" }, [link]) : null,
      el("span", { className: "card-line confidence",
        text: "Confidence " + percent(f.confidence) + (f.auto ? ", applied automatically" : ", suggested only") }),
      el("span", { className: "card-line why", text: "Why: " + f.reason }),
      el("span", { className: "card-state" }),
      el("span", { className: "card-actions" }, [decide]),
    ]);
    var wrap = el("span", { className: "fix" }, [mark, card]);
    f.node = wrap;
    mark.addEventListener("click", function () { toggleCard(wrap); });
    updateFix(f);
    return wrap;
  }

  function updateFix(f) {
    var wrap = f.node, mark = wrap.querySelector(".mark");
    wrap.setAttribute("data-state", f.accepted ? "accepted" : (f.auto ? "rejected" : "proposed"));
    mark.textContent = "";
    if (f.accepted) {
      mark.appendChild(el("del", { text: f.original }));
      mark.appendChild(el("span", { className: "sr-only", text: " changed to " }));
      mark.appendChild(el("ins", { text: f.replacement }));
    } else {
      mark.appendChild(el("span", { className: "orig", text: f.original }));
      mark.appendChild(el("span", { className: "sr-only",
        text: f.auto ? " (fix to " + f.replacement + " rejected)" : " (could be " + f.replacement + ")" }));
    }
    wrap.querySelector(".card-state").textContent = f.accepted
      ? "Kept: “" + f.original + "” becomes “" + f.replacement + "”."
      : (f.auto ? "Rejected: “" + f.original + "” stays." : "Not applied: “" + f.original + "” stays.");
    var decide = wrap.querySelector(".decide");
    decide.textContent = f.accepted ? (f.auto ? "Reject fix" : "Undo fix") : (f.auto ? "Restore fix" : "Apply fix");
    if (f.listButton) {
      f.listButton.textContent = f.accepted ? "Undo" : "Apply";
      f.listButton.setAttribute("aria-label", (f.accepted ? "Undo “" : "Apply “") + f.replacement + "” for “" + f.original + "”");
    }
  }

  function grammarNode(g) {
    var mark = el("button", { type: "button", className: "mark", id: g.id, "aria-describedby": g.id + "-card" });
    var actions = el("span", { className: "card-actions" });
    var card = el("span", { className: "card", id: g.id + "-card", role: "group", "aria-label": "Grammar: " + g.message }, [
      el("span", { className: "card-line message", text: g.message }),
      el("span", { className: "card-line rule", text: [g.rule.category, g.rule.id, g.engine].filter(Boolean).join(" · ") }),
      el("span", { className: "card-state" }),
      actions,
    ]);
    var wrap = el("span", { className: "gram" }, [mark, card]);
    g.node = wrap;
    mark.addEventListener("click", function () { toggleCard(wrap); });
    updateGrammar(g);
    return wrap;
  }

  function updateGrammar(g) {
    var wrap = g.node, mark = wrap.querySelector(".mark"), actions = wrap.querySelector(".card-actions");
    var focused = wrap.contains(document.activeElement) && document.activeElement !== mark;
    wrap.setAttribute("data-state", g.applied === null ? "open" : "applied");
    mark.textContent = "";
    if (g.applied === null) {
      mark.appendChild(document.createTextNode(g.original || "\u2038"));
    } else {
      if (g.original) mark.appendChild(el("del", { text: g.original }));
      mark.appendChild(el("span", { className: "sr-only", text: " changed to " }));
      mark.appendChild(el("ins", { text: g.applied }));
    }
    wrap.querySelector(".card-state").textContent = g.applied === null
      ? (g.replacements.length ? "Replace with:" : "No replacement offered.")
      : "Replaced “" + g.original + "” with “" + g.applied + "”.";
    actions.textContent = "";
    var first = null;
    if (g.applied === null) {
      g.replacements.forEach(function (r) {
        var b = el("button", { type: "button", className: "replace",
          "aria-label": r ? "Replace with “" + r + "”" : "Delete “" + g.original + "”", text: r || "(delete)" });
        b.addEventListener("click", function () { applyGrammar(g, r); });
        actions.appendChild(b);
        first = first || b;
      });
    } else {
      first = el("button", { type: "button", className: "undo", text: "Undo" });
      first.addEventListener("click", function () { applyGrammar(g, null); });
      actions.appendChild(first);
    }
    // The clicked button was replaced: keep keyboard focus inside the card.
    if (focused) (first || mark).focus();
  }

  function render(m) {
    var redline = $("redline");
    redline.textContent = "";
    var pos = 0;
    spans(m).forEach(function (s) {
      if (s.start > pos) redline.appendChild(document.createTextNode(m.slice(pos, s.start)));
      redline.appendChild(s.kind === "fix" ? fixNode(s) : grammarNode(s));
      pos = s.end;
    });
    if (pos < m.chars.length) redline.appendChild(document.createTextNode(m.slice(pos, m.chars.length)));

    var proposed = m.fixes.filter(function (f) { return !f.auto; });
    var list = $("proposed-list");
    list.textContent = "";
    proposed.forEach(function (f) {
      var button = el("button", { type: "button", className: "apply" });
      button.addEventListener("click", function () { toggleFix(f); });
      f.listButton = button;
      var link = wikidataLink(f.entity);
      list.appendChild(el("li", {}, [
        el("span", { className: "orig", text: f.original }), " → ", el("strong", { text: f.replacement }), "? ",
        [f.entity.name, who(f.entity)].filter(Boolean).join(", ") + (link ? ", " : ". "),
        link, link ? ". " : "", button,
        el("span", { className: "why", text: "Why: " + f.reason + ". Confidence " + percent(f.confidence) + "." }),
      ]));
      updateFix(f);
    });
    $("proposed-panel").hidden = !proposed.length;

    var glist = $("grammar-list");
    glist.textContent = "";
    m.grammar.forEach(function (g) {
      var item = el("li", {}, [excerpt(m, g), el("span", { className: "message", text: g.message + " " })]);
      if (g.inline) {
        var show = el("button", { type: "button", className: "show", text: "Show in text" });
        show.addEventListener("click", function () { $(g.id).focus(); });
        item.appendChild(show);
      } else if (g.replacements.length) {
        item.appendChild(document.createTextNode("Try: " + g.replacements.slice(0, 3).join(", ") + "."));
      }
      glist.appendChild(item);
    });
    $("grammar-panel").hidden = !m.grammar.length;

    var grammarMeta = m.meta.grammar || {};
    var namesMeta = m.meta.names || {};
    var notice = $("live-notice");
    var notes = [];
    if (namesMeta.status === "partial") {
      notes.push("Only part of the text was checked for names (" + namesMeta.reason + ").");
    }
    if (grammarMeta.status === "unavailable") {
      notes.push("The grammar check could not run" + (grammarMeta.reason ? " (" + grammarMeta.reason + ")" : "")
        + ". The names were still repaired.");
    }
    notice.textContent = notes.join(" ");
    notice.hidden = !notes.length;
    live.hidden = false;
    refresh();
  }

  function summary(m) {
    var kept = m.fixes.filter(function (f) { return f.auto && f.accepted; }).length;
    var rejected = m.fixes.filter(function (f) { return f.auto && !f.accepted; }).length;
    var proposed = m.fixes.filter(function (f) { return !f.auto; }).length;
    var taken = m.fixes.filter(function (f) { return !f.auto && f.accepted; }).length;
    var grammarMeta = m.meta.grammar || {};
    var parts = [plural(kept + rejected, "name fix", "name fixes") + " applied"
      + (rejected ? " (" + rejected + " rejected)" : ""),
      proposed + " suggested" + (taken ? " (" + taken + " taken)" : ""),
      plural(m.grammar.length, "grammar suggestion", "grammar suggestions")];
    var grammar = grammarMeta.status === "ok" ? "" :
      " Grammar check " + (grammarMeta.status === "disabled" ? "off" : "unavailable") + ".";
    return parts.join(", ") + "." + grammar;
  }

  function refresh() {
    $("final-text").value = finalText(model);
    $("live-summary").textContent = summary(model);
  }

  /* ---- the editor's choices ---------------------------------------------------------- */

  function toggleFix(f) {
    f.accepted = !f.accepted;
    updateFix(f);
    refresh();
    say(f.accepted ? "Fixed: “" + f.original + "” is now “" + f.replacement + "”."
      : "Reverted: “" + f.original + "” is back.");
  }

  function applyGrammar(g, replacement) {
    g.applied = replacement;
    updateGrammar(g);
    refresh();
    say(replacement === null ? "Undone: “" + g.original + "” is back."
      : "Replaced “" + g.original + "” with “" + replacement + "”.");
  }

  // A click pins a card open (touch screens have no hover); one pinned card at a time.
  function toggleCard(wrap) {
    var open = !wrap.classList.contains("open");
    Array.prototype.forEach.call(document.querySelectorAll(".fix.open, .gram.open"), function (w) {
      w.classList.remove("open");
    });
    wrap.classList.toggle("open", open);
  }

  // Escape hides an open card without moving focus (WCAG 1.4.13); it shows again on re-entry.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var wrap = event.target.closest && event.target.closest(".fix, .gram");
    if (!wrap) return;
    wrap.classList.remove("open");
    wrap.classList.add("hush");
    var mark = wrap.querySelector(".mark");
    if (event.target !== mark) mark.focus();
  });
  ["focusout", "mouseout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var wrap = event.target.closest && event.target.closest(".fix, .gram");
      if (wrap && !wrap.contains(event.relatedTarget)) wrap.classList.remove("hush");
    });
  });
  // Keep a card on screen: shift it left when it would run off the right edge.
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var wrap = event.target.closest && event.target.closest(".fix, .gram");
      if (!wrap) return;
      var card = wrap.querySelector(".card");
      card.style.left = "0px";
      var box = card.getBoundingClientRect(), room = document.documentElement.clientWidth - 8;
      if (box.width && box.right > room) card.style.left = -Math.min(box.right - room, box.left - 8) + "px";
    });
  });

  /* ---- copy and download -------------------------------------------------------------- */

  $("copy").addEventListener("click", function () {
    var text = finalText(model), area = $("final-text");
    var done = function () { say("Copied the final text (" + plural(Array.from(text).length, "character", "characters") + ")."); };
    var fallback = function () {
      // Plain http on a closed network is no secure context: no Clipboard API there.
      area.focus();
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      if (ok) done(); else say("Copying failed: the text is selected, press Ctrl+C (⌘C) to copy it.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  });

  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  $("download-text").addEventListener("click", function () {
    download("repaired-article.txt", "text/plain;charset=utf-8", finalText(model));
    say("Downloading the final text as repaired-article.txt.");
  });
  $("download-diff").addEventListener("click", function () {
    var diff = unifiedDiff(model);
    download("repaired-article.diff", "text/x-diff;charset=utf-8", diff);
    say(diff ? "Downloading the changes as repaired-article.diff." : "No changes: the diff is empty.");
  });

  /* ---- the example and the character count --------------------------------------------- */

  function countChars() {
    var n = Array.from(textArea.value).length, hint = $("text-count");
    var over = maxChars && n > maxChars;
    hint.textContent = n.toLocaleString("en-US") + " of " + maxChars.toLocaleString("en-US") + " characters"
      + (over ? ": too long, the service will refuse it." : ".");
    hint.classList.toggle("over", !!over);
  }
  textArea.addEventListener("input", countChars);
  countChars();

  var exampleLink = $("load-example");
  exampleLink.addEventListener("click", function (event) {
    event.preventDefault();
    fetch(exampleLink.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
      .then(function (text) {
        textArea.value = text;
        countChars();
        textArea.focus();
        textArea.setSelectionRange(0, 0);
        textArea.scrollTop = 0;
        say("Example article loaded: " + plural(Array.from(text).length, "character", "characters") + ".");
      })
      .catch(function () { window.location.href = exampleLink.href; });  // the no-JS way
  });

  /* ---- submitting -------------------------------------------------------------------- */

  function busy(on, chars) {
    form.setAttribute("aria-busy", String(on));
    live.setAttribute("aria-busy", String(on));
    $("submit").disabled = on;
    $("cancel").hidden = !on;
    $("busy").hidden = !on;
    window.clearInterval(ticker);
    if (!on) return;
    var started = Date.now(), what = "Repairing " + plural(chars, "character", "characters") + "…";
    statusBox.textContent = what;
    ticker = window.setInterval(function () {
      statusBox.textContent = what + " " + Math.round((Date.now() - started) / 1000) + " s";
    }, 1000);
  }

  function errorMessage(status, body) {
    var error = body && body.error;
    if (error && error.code === "text_too_long") {
      return "This article is too long to repair in one go: " + error.message + ". Split it into parts and repair each.";
    }
    if (error && status < 500) return "The service refused the request: " + error.message + ".";
    if (status === 502 || status === 503 || status === 504) {
      return "The repair service is unavailable right now (HTTP " + status + "). Try again in a minute.";
    }
    if (error) return "The repair failed on the server: " + error.message + ". Try again; if it keeps failing, tell the service's maintainers.";
    return "The service answered with an error (HTTP " + status + "). Try again in a minute.";
  }

  $("cancel").addEventListener("click", function () { if (inFlight) inFlight.abort(); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (inFlight) return;
    var input = textArea.value;
    var data = new FormData(form);
    var request = {
      text: input,
      language: String(data.get("language") || "en-US"),
      mode: String(data.get("mode") || "apply"),
      grammar: data.get("grammar") === "on",
    };
    showError("");
    var controller = window.AbortController ? new AbortController() : null;
    inFlight = controller || {};
    busy(true, Array.from(input).length);
    fetch(form.getAttribute("data-api"), {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(request),
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined,
    }).then(function (response) {
      if (response.status === 401) {
        // API keys are on and this page has none: the form's own POST needs no key, so send
        // the article the no-JavaScript way (submit() fires no submit event: no loop). The
        // button with id "submit" hides form.submit, hence the prototype's.
        busy(false);
        inFlight = null;
        HTMLFormElement.prototype.submit.call(form);
        return null;
      }
      return response.json().catch(function () { return null; }).then(function (body) {
        if (!response.ok || !body || typeof body.text !== "string") {
          throw { friendly: errorMessage(response.status, body) };
        }
        model = buildModel(input, body);
        var old = $("server-result");
        if (old) old.remove();
        render(model);
        busy(false);
        say("Done. " + summary(model));
      });
    }).catch(function (error) {
      busy(false);
      var message = error && error.friendly ? error.friendly
        : error && error.name === "AbortError" ? ""
          : "Could not reach the repair service. Check the connection and try again.";
      showError(message);
      say(message ? "The repair failed." : "Cancelled.");
    }).then(function () { inFlight = null; });
  });
})();
