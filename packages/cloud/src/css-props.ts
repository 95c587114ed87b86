import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM (`style.setProperty`), also on first render; goes on an element:
 * `<li ${cssProps({...})}>`. Lit's `styleMap` writes a `style` attribute on first render, which a
 * Content-Security-Policy without 'unsafe-inline' blocks. Only for values the element computes itself (positions,
 * sizes), never for user data.
 */
class CssProps extends Directive {
  #last: Record<string, string> = {};

  render(_props: Record<string, string>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Record<string, string>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const key in this.#last) if (!(key in props)) style.removeProperty(key);
    // unchanged values are not written again: no style work for the terms that did not change
    for (const key in props) if (this.#last[key] !== props[key]) style.setProperty(key, props[key]);
    this.#last = props;
    return noChange;
  }
}

export const cssProps = directive(CssProps);
