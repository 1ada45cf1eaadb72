// The API page: lays /openapi.json out as a list of operations with their fields and answers.
// Everything is built with DOM calls (no innerHTML), from this service only.
(function () {
  "use strict";
  var root = document.getElementById("api");
  if (!root || !window.fetch) return;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function refName(ref) { return ref.split("/").pop(); }

  function schemaTable(schema, schemas) {
    if (schema && schema.$ref) schema = schemas[refName(schema.$ref)];
    if (!schema || !schema.properties) return el("pre", JSON.stringify(schema, null, 2), "schema");
    var table = el("table", null, "fields");
    var head = el("tr");
    ["field", "type", "default", "meaning"].forEach(function (h) { head.appendChild(el("th", h)); });
    table.appendChild(head);
    var required = schema.required || [];
    Object.keys(schema.properties).forEach(function (name) {
      var prop = schema.properties[name];
      var row = el("tr");
      row.appendChild(el("td", name + (required.indexOf(name) >= 0 ? " (required)" : "")));
      row.appendChild(el("td", typeOf(prop)));
      row.appendChild(el("td", prop["default"] === undefined ? "" : JSON.stringify(prop["default"])));
      row.appendChild(el("td", prop.description || ""));
      table.appendChild(row);
    });
    return table;
  }

  function typeOf(prop) {
    if (prop.$ref) return refName(prop.$ref);
    if (prop["enum"]) return prop["enum"].map(function (v) { return JSON.stringify(v); }).join(" | ");
    if (prop["const"] !== undefined) return JSON.stringify(prop["const"]);
    if (prop.anyOf) return prop.anyOf.map(typeOf).join(" | ");
    if (prop.type === "array") return "array of " + (prop.items ? typeOf(prop.items) : "any");
    return prop.type || "any";
  }

  function render(doc) {
    var schemas = (doc.components || {}).schemas || {};
    root.appendChild(el("p", doc.info.description));
    Object.keys(doc.paths).forEach(function (path) {
      var methods = doc.paths[path];
      Object.keys(methods).forEach(function (method) {
        var op = methods[method];
        var section = el("section", null, "operation");
        section.appendChild(el("h3", method.toUpperCase() + " " + path));
        section.appendChild(el("p", op.summary + ". " + (op.description || "")));
        if (op.parameters) {
          section.appendChild(el("h4", "Parameters"));
          var list = el("ul");
          op.parameters.forEach(function (p) {
            list.appendChild(el("li", p.name + " (" + p["in"] + (p.required ? ", required" : "") + "): " + typeOf(p.schema || {})));
          });
          section.appendChild(list);
        }
        if (op.requestBody) {
          var types = Object.keys(op.requestBody.content);
          section.appendChild(el("h4", "Request body (" + types.join(", ") + ")"));
          section.appendChild(schemaTable(op.requestBody.content[types[0]].schema, schemas));
        }
        section.appendChild(el("h4", "Answers"));
        var answers = el("ul");
        Object.keys(op.responses).forEach(function (status) {
          var answer = op.responses[status];
          var content = answer.content || {};
          var type = Object.keys(content)[0];
          var schema = type ? content[type].schema : null;
          var what = schema ? (schema.$ref ? refName(schema.$ref) : typeOf(schema)) : "";
          answers.appendChild(el("li", status + ": " + answer.description + (what ? " (" + what + ")" : "")));
        });
        section.appendChild(answers);
        root.appendChild(section);
      });
    });
  }

  fetch(root.getAttribute("data-src"), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(render)
    .catch(function (error) { root.appendChild(el("p", "The API description could not be loaded: " + error.message, "error")); });
})();
