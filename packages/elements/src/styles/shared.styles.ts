import { css } from 'lit';

/**
 * Design tokens and base rules every element shares. Hosts theme with the
 * `--meeting-*` custom properties; dark themes set them on a parent.
 */
export const sharedStyles = css`
  :host {
    --_accent: var(--meeting-accent, #1f6feb);
    --_accent-contrast: var(--meeting-accent-contrast, #ffffff);
    --_surface: var(--meeting-surface, #ffffff);
    --_surface-raised: var(--meeting-surface-raised, #f6f8fa);
    --_text: var(--meeting-text, #1f2328);
    --_muted: var(--meeting-muted, #59636e);
    --_border: var(--meeting-border, #d1d9e0);
    --_busy: var(--meeting-busy, #eaeef2);
    --_danger: var(--meeting-danger, #cf222e);
    --_success: var(--meeting-success, #1a7f37);
    --_radius: var(--meeting-radius, 8px);
    --_focus: var(--meeting-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    --_font: var(--meeting-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    font-size: var(--meeting-font-size, 0.9375rem);
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    background: var(--_surface);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.4em 0.9em;
    min-height: 2.25rem;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-contrast);
    font-weight: 600;
  }
  button.danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  input,
  textarea,
  select {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.4em 0.6em;
    background: var(--_surface);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .error {
    color: var(--_danger);
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    button.primary {
      border: 2px solid ButtonText;
    }
    :focus-visible {
      outline: 2px solid Highlight;
    }
  }
`;
