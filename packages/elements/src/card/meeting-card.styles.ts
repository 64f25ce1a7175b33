import { css } from 'lit';

/** `<meeting-card>`'s own rules; `sharedStyles` comes first. Logical properties throughout (RTL). */
export const cardStyles = css`
  :host {
    max-inline-size: var(--meeting-card-max-width, 32rem);
  }
  [hidden] {
    display: none !important;
  }
  .card {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--meeting-card-padding, 1rem);
    box-shadow: var(--meeting-card-shadow, none);
    display: grid;
    gap: 0.75rem;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  header {
    display: grid;
    gap: 0.15rem;
  }
  .heading {
    margin: 0;
    font-size: 1.05em;
    font-weight: 650;
  }
  .heading:focus {
    outline: none;
  }
  .subtitle,
  .muted {
    margin: 0;
    color: var(--_muted);
    font-size: 0.925em;
  }
  p {
    margin: 0;
  }
  .badge {
    display: inline-block;
    justify-self: start;
    padding: 0.05em 0.55em;
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_success);
    border: 1px solid currentColor;
  }
  .message {
    margin: 0;
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--_border);
    white-space: pre-line;
  }
  .note {
    margin: 0;
    font-style: italic;
    white-space: pre-line;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.4rem;
    font-weight: 600;
  }
  .option {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.1rem 0.6rem;
    align-items: start;
    padding: 0.55rem 0.7rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }
  label.option {
    cursor: pointer;
  }
  label.option:has(input:checked) {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, var(--_surface));
  }
  .option input {
    margin: 0.2rem 0 0;
    inline-size: 1.1rem;
    block-size: 1.1rem;
    accent-color: var(--_accent);
  }
  .option > :not(input) {
    grid-column: 2;
  }
  ul.options,
  ul.theirs,
  .calendar-menu {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35rem;
  }
  ul.options .option {
    grid-template-columns: 1fr;
  }
  ul.options .option > * {
    grid-column: 1;
  }
  .mine {
    font-weight: 600;
  }
  .theirs {
    color: var(--_muted);
    font-size: 0.925em;
  }
  .conflict {
    color: var(--_danger);
    font-size: 0.9em;
  }
  .conflict::before {
    content: '⚠ ' / '';
  }
  .when {
    display: grid;
    gap: 0.15rem;
  }
  .struck {
    text-decoration: line-through;
    color: var(--_muted);
  }
  .actions,
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .actions > *,
  .form-actions > * {
    flex: 0 1 auto;
  }
  .reason-form {
    display: grid;
    gap: 0.4rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface-raised);
  }
  .reason-form p {
    font-weight: 600;
  }
  textarea {
    inline-size: 100%;
    min-block-size: 4rem;
    resize: vertical;
  }
  .menu {
    position: relative;
  }
  .calendar-menu {
    margin-block-start: 0.35rem;
    padding: 0.35rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }
  .calendar-menu a {
    display: block;
    padding: 0.35rem 0.5rem;
    color: var(--_accent);
    border-radius: calc(var(--_radius) - 4px);
  }
  .calendar-menu a:hover {
    background: var(--_surface-raised);
  }
  .alert {
    padding: 0.5rem 0.7rem;
    border-radius: calc(var(--_radius) - 2px);
    border: 1px solid currentColor;
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 6%, var(--_surface));
  }
  .notice {
    color: var(--_text);
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, var(--_surface));
  }
  .alert:focus {
    outline: none;
    box-shadow: var(--_focus);
  }
  .sync {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .share {
    display: grid;
    gap: 0.3rem;
  }
  .share-row {
    display: flex;
    gap: 0.5rem;
  }
  .share-row input {
    flex: 1 1 0;
    min-inline-size: 0;
    inline-size: 0;
  }
  .share-row button {
    flex: none;
    white-space: nowrap;
  }
  /* A Join that is not open yet says when it opens: keep that text readable. */
  button.join:disabled {
    opacity: 1;
    background: var(--_surface-raised);
    border-color: var(--_border);
    color: var(--_muted);
    font-weight: 500;
  }
  .inline-scheduler {
    display: grid;
    gap: 0.5rem;
  }
  .inline-scheduler > button {
    justify-self: end;
  }
  @media (forced-colors: active) {
    .struck {
      color: GrayText;
    }
    label.option:has(input:checked) {
      border: 2px solid Highlight;
    }
  }
`;
