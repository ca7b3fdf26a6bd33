// The SVG part of the hostile-input corpus: nesting, width and size bombs, entity expansion and XXE, filter bombs,
// huge canvases, scripts (accepted, then sanitised), BOMs and UTF-16.
import { deepSvg, SVG_NS } from "./formats.ts";
import type { CorpusKit } from "./kit.ts";

export function hostileSvg({ add }: CorpusKit): void {
  add("svg-deep-20000", "deep.svg", deepSvg(20_000), "refuse", /too complex/);
  add("svg-deep-4500", "deep2.svg", deepSvg(4_500), "refuse", /too complex/);
  add(
    "svg-wide",
    "wide.svg",
    Buffer.from(`<svg ${SVG_NS}>${"<rect/>".repeat(30_000)}</svg>`),
    "refuse",
    /too complex/,
  );
  add(
    "svg-large",
    "large.svg",
    Buffer.from(
      `<svg ${SVG_NS}><desc>${"x".repeat(3 * 1024 * 1024)}</desc></svg>`,
    ),
    "refuse",
    /larger than/,
  );
  add(
    "svg-billion-laughs",
    "lol.svg",
    Buffer.from(
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><svg ${SVG_NS}><text>&d;</text></svg>`,
    ),
    "refuse",
    /entities/,
  );
  add(
    "svg-xxe",
    "xxe.svg",
    Buffer.from(
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ${SVG_NS}><text>&x;</text></svg>`,
    ),
    "refuse",
  );
  add(
    "svg-filter-bomb",
    "filter.svg",
    Buffer.from(
      `<svg ${SVG_NS} width="10000" height="10000"><filter id="f" x="0" y="0" width="100%" height="100%"><feTurbulence baseFrequency="0.9" numOctaves="10"/><feGaussianBlur stdDeviation="50"/><feMorphology operator="dilate" radius="30"/></filter><rect width="10000" height="10000" filter="url(#f)"/></svg>`,
    ),
    "refuse",
    /too complex/,
  );
  add(
    "svg-huge-canvas",
    "canvas.svg",
    Buffer.from(
      `<svg ${SVG_NS} width="1000000" height="1000000"><rect width="10" height="10"/></svg>`,
    ),
    "refuse",
  );
  add(
    "svg-script",
    "logo.svg",
    Buffer.from(
      `<svg ${SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80" onload="alert(1)"><script>alert(1)</script><rect width="120" height="80" fill="#c33" onclick="x()"/><image href="http://169.254.169.254/latest/meta-data" width="9" height="9"/><foreignObject><iframe src="https://evil.example"/></foreignObject></svg>`,
    ),
    "accept",
  );
  add(
    "svg-bom-comment",
    "bom.svg",
    Buffer.from(
      `\uFEFF<!-- exported --><svg ${SVG_NS} width="20" height="20"><circle cx="10" cy="10" r="8"/></svg>`,
    ),
    "accept",
  );
  add(
    "svg-utf16",
    "utf16.svg",
    Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-16"?><svg ${SVG_NS} width="20" height="30"><rect width="9" height="9"/></svg>`,
        "utf16le",
      ),
    ]),
    "accept",
  );
}
