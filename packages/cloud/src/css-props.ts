import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM (`style.setProperty`), also on first render. Lit's `styleMap`
 * writes a `style` attribute on first render, which a Content-Security-Policy without 'unsafe-inline' blocks.
 * Only for values the element computes itself (positions, sizes), never for user data.
 */
class CssProps extends Directive {
  private last: Record<string, string> = {};

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() goes on an element: <li ${cssProps({...})}>');
  }

  render(_props: Record<string, string>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Record<string, string>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const key in this.last) if (!(key in props)) style.removeProperty(key);
    // unchanged values are not written again: no style work for the terms that did not change
    for (const [key, value] of Object.entries(props)) if (this.last[key] !== value) style.setProperty(key, value);
    this.last = { ...props };
    return noChange;
  }
}

export const cssProps = directive(CssProps);
