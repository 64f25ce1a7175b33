import { css } from 'lit';

/** `<meeting-settings>`: stacked sections that stay usable down to 320 px. */
export const settingsStyles = css`
  :host {
    --_gap: var(--meeting-settings-gap, 1rem);
    max-width: var(--meeting-settings-max-width, 44rem);
    /* Narrow layouts follow the element's own width (a sidebar, a phone), not the window's. */
    container-type: inline-size;
  }
  .root {
    display: grid;
    gap: calc(var(--_gap) * 2);
  }
  section {
    display: grid;
    gap: var(--_gap);
    min-width: 0;
  }
  h2,
  h3,
  h4 {
    margin: 0;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.05em;
  }
  h4 {
    font-size: 1em;
  }
  h2:focus {
    outline: none;
  }
  p {
    margin: 0;
  }
  p.error:empty {
    display: none;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .block {
    display: grid;
    gap: 0.6rem;
  }
  .empty {
    display: grid;
    gap: 0.35rem;
    padding: 0.9rem;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .connections {
    display: grid;
    gap: 0.75rem;
  }
  .connection {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .connection-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .connection-head svg {
    flex: none;
  }
  .who {
    flex: 1 1 10rem;
    min-width: 0;
    display: grid;
    font-weight: normal;
  }
  .provider {
    font-weight: 600;
  }
  .account {
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .calendars li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding-block: 0.35rem;
    border-block-start: 1px solid var(--_border);
  }
  .calendar-name {
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.4rem;
    padding: 0 0.4rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    color: var(--_muted);
    font-size: 0.8em;
  }
  .state {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .confirm {
    display: grid;
    gap: 0.5rem;
    padding: 0.6rem;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface-raised);
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .buttons button {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  label.check,
  label.option {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2rem;
    cursor: pointer;
  }
  label.option {
    display: flex;
    overflow-wrap: anywhere;
  }
  input[type='checkbox'],
  input[type='radio'] {
    flex: none;
    width: 1.15rem;
    height: 1.15rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  fieldset {
    display: grid;
    gap: 0.15rem;
    min-width: 0;
    margin: 0;
    padding: 0.6rem 0.9rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  legend {
    padding-inline: 0.25rem;
    font-weight: 600;
  }
  form {
    display: grid;
    gap: 0.4rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
    max-width: 32rem;
  }
  .field input {
    width: 100%;
  }
  form > button {
    justify-self: start;
  }
  .days li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.9rem;
    padding-block: 0.3rem;
    border-block-start: 1px solid var(--_border);
  }
  .days label.check {
    min-width: 8.5rem;
  }
  .days .error {
    flex-basis: 100%;
  }
  label.time {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  input[type='time']:disabled {
    opacity: 0.5;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    padding-block-end: 0.35rem;
    text-align: start;
    font-weight: 600;
  }
  th,
  td {
    padding: 0.35rem 0.5rem;
    border-block-end: 1px solid var(--_border);
    text-align: start;
  }
  th[scope='col'] {
    color: var(--_muted);
    font-weight: 600;
    font-size: 0.9em;
  }
  th[scope='row'] {
    font-weight: normal;
  }
  td,
  th.channel {
    width: 6rem;
    text-align: center;
  }
  .reminders {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
  }
  .switch {
    display: grid;
    gap: 0.15rem;
  }
  /* A track with a knob: the knob is a gradient, so it also draws where inputs take no pseudo-elements. */
  input[role='switch'] {
    appearance: none;
    width: 2.4rem;
    height: 1.4rem;
    border: 1px solid var(--_muted);
    border-radius: 999px;
    background: var(--_surface) radial-gradient(circle, var(--_muted) 0.42rem, transparent 0.47rem) no-repeat;
    background-size: 1.4rem 100%;
    background-position: left center;
    transition: background-position 0.15s;
    cursor: pointer;
  }
  input[role='switch']:checked {
    border-color: var(--_accent);
    background-color: var(--_accent);
    background-image: radial-gradient(circle, var(--_accent-contrast) 0.42rem, transparent 0.47rem);
    background-position: right center;
  }
  .root[dir='rtl'] input[role='switch'] {
    background-position: right center;
  }
  .root[dir='rtl'] input[role='switch']:checked {
    background-position: left center;
  }
  @container (max-width: 26rem) {
    .connection {
      padding: 0.6rem;
    }
    td,
    th.channel {
      width: auto;
    }
    .days li {
      display: grid;
      grid-template-columns: 1fr 1fr;
    }
    .days label.check {
      grid-column: 1 / -1;
    }
    label.time {
      display: grid;
      gap: 0.1rem;
    }
    label.time input {
      width: 100%;
    }
  }
  @media (forced-colors: active) {
    input[role='switch'] {
      forced-color-adjust: none;
      border-color: CanvasText;
      background-color: Canvas;
      background-image: radial-gradient(circle, CanvasText 0.42rem, transparent 0.47rem);
    }
    input[role='switch']:checked {
      border-color: Highlight;
      background-color: Highlight;
      background-image: radial-gradient(circle, HighlightText 0.42rem, transparent 0.47rem);
    }
    .connection,
    fieldset,
    .empty,
    .confirm {
      border: 1px solid CanvasText;
    }
  }
`;
