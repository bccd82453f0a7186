// A tiny DOM builder. Text always goes in as text nodes (never innerHTML),
// so data from the server cannot inject markup.

export type Child = Node | string | number | null | undefined | false | Child[];

type Handler = (event: Event) => void;
export type Attributes = Record<
  string,
  string | number | boolean | Handler | null | undefined
>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const one of child) append(parent, one);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, ''), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (attributes) setAttributes(element, attributes);
  append(element, children);
  return element;
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

// Unique ids for label/aria wiring.
let nextId = 0;
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

const kSvgNs = 'http://www.w3.org/2000/svg';

// Small status icons. They always sit beside a text saying the same thing
// (never colour or shape alone), so they are hidden from screen readers.
export type IconName = 'overdue' | 'soon' | 'later' | 'done' | 'waived';

const kIconPaths: Record<IconName, string> = {
  overdue: 'M8 1 15 14H1Z M8 5.5v4 M8 11.2v1.3',
  soon: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13Z M8 4.5V8l2.5 2',
  later: 'M8 2a6 6 0 1 0 0 12a6 6 0 1 0 0-12Z',
  done: 'M2.5 8.5 6.5 12.5 13.5 3.5',
  waived: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13Z M3.5 12.5 12.5 3.5',
};

export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(kSvgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = document.createElementNS(kSvgNs, 'path');
  path.setAttribute('d', kIconPaths[name]);
  svg.appendChild(path);
  return svg;
}
