import { css } from 'lit';

/** `<meeting-scheduler>`'s own rules, after `sharedStyles`. */
export const schedulerStyles = css`
  :host {
    display: inline-block;
    --_cell-height: var(--meeting-scheduler-cell-height, 1.75rem);
    --_selected: var(--meeting-scheduler-selected, var(--_accent));
    --_selected-contrast: var(--meeting-scheduler-selected-contrast, var(--_accent-contrast));
    --_today: var(--meeting-scheduler-today, var(--_accent));
    --_grid-height: var(--meeting-scheduler-grid-height, 24rem);
  }
  :host([inline]) {
    display: block;
  }

  .trigger {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    padding: 0;
    border-radius: 50%;
  }
  .trigger svg {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }

  dialog {
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    inline-size: min(var(--meeting-scheduler-dialog-width, 60rem), calc(100vw - 1rem));
    max-inline-size: none;
    max-block-size: calc(100dvh - 1rem);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
  }
  dialog::backdrop {
    background: var(--meeting-backdrop, rgb(0 0 0 / 0.45));
  }

  .panel {
    display: grid;
    gap: 1rem;
    padding: 1rem;
    min-inline-size: 0;
    background: var(--_surface);
  }
  :host([inline]) .panel {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .panel.narrow {
    padding: 0.75rem;
  }

  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  header h2 {
    margin: 0;
    font-size: 1.125rem;
    flex: 1 1 auto;
  }
  .icon-button {
    inline-size: 2.25rem;
    padding: 0;
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }
  .icon-button svg {
    inline-size: 1rem;
    block-size: 1rem;
  }
  .icon-button.next .chevron {
    transform: scaleX(-1);
  }
  :host(:dir(rtl)) .icon-button .chevron {
    transform: scaleX(-1);
  }
  :host(:dir(rtl)) .icon-button.next .chevron {
    transform: none;
  }
  p.durations,
  p.invitees {
    margin: 0;
  }

  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  legend,
  .label {
    font-weight: 600;
    padding: 0;
    margin-block-end: 0.35rem;
  }
  .durations-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .segmented {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .segmented label {
    position: relative;
    display: inline-flex;
  }
  .segmented input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .segmented span {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.25rem;
    padding: 0 0.8rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
  }
  .segmented input:checked + span {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-contrast);
    font-weight: 600;
  }
  .segmented input:focus-visible + span {
    box-shadow: var(--_focus);
  }
  .custom {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  .custom input {
    inline-size: 5.5rem;
  }
  .field-hint {
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .week {
    display: grid;
    gap: 0.5rem;
    min-inline-size: 0;
  }
  .week-nav {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .week-nav h3 {
    margin: 0;
    font-size: 1rem;
    flex: 1 1 auto;
    text-align: center;
  }
  .zone-note,
  .load-status,
  .hint,
  .note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .load-status:empty {
    display: none;
  }
  .load-error {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    flex-wrap: wrap;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .load-error p {
    margin: 0;
    flex: 1 1 12rem;
  }

  .scroller {
    max-block-size: var(--_grid-height);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overscroll-behavior: contain;
  }
  [role='grid'] {
    display: grid;
    min-inline-size: 100%;
  }
  [role='grid'][aria-busy='true'] .cell {
    opacity: 0.7;
  }
  [role='row'] {
    display: grid;
    grid-template-columns: var(--meeting-scheduler-time-column, 4.75rem) repeat(var(--_days, 7), minmax(2.5rem, 1fr));
  }
  .narrow [role='row'] {
    grid-template-columns: 1fr;
  }
  /* In the day list each cell shows its own time: the time column stays for screen readers only. */
  .narrow [role='rowheader'],
  .narrow .head [role='columnheader']:first-child {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .narrow .week-nav h3 {
    order: -1;
    flex-basis: 100%;
  }
  .narrow .week-nav .today {
    margin-inline-start: auto;
  }
  .head {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    background: var(--_surface-raised);
    border-block-end: 1px solid var(--_border);
  }
  [role='columnheader'] {
    display: flex;
    flex-direction: column;
    align-items: center;
    padding: 0.25rem 0.125rem;
    font-size: 0.8125rem;
    font-weight: 400;
    color: var(--_muted);
  }
  [role='columnheader'] .day-number {
    font-size: 1rem;
    font-weight: 600;
    color: var(--_text);
  }
  [role='columnheader'].today .day-number {
    color: var(--_today-contrast, var(--_accent-contrast));
    background: var(--_today);
    border-radius: 999px;
    min-inline-size: 1.75rem;
    text-align: center;
  }
  [role='rowheader'] {
    font-size: 0.75rem;
    color: var(--_muted);
    padding-inline: 0.25rem 0.5rem;
    text-align: end;
    line-height: var(--_cell-height);
    white-space: nowrap;
    border-block-start: 1px solid transparent;
  }
  .cell {
    position: relative;
    min-block-size: var(--_cell-height);
    border-inline-start: 1px solid var(--_border);
    border-block-start: 1px solid color-mix(in srgb, var(--_border) 60%, transparent);
    background: var(--_surface);
    cursor: pointer;
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    font-size: 0.8125rem;
    outline: none;
  }
  .cell.free:hover {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
  }
  .cell.selected {
    background: var(--_selected);
    color: var(--_selected-contrast);
    font-weight: 600;
  }
  .cell.busy,
  .cell.busy-other {
    cursor: not-allowed;
    background: repeating-linear-gradient(
      135deg,
      var(--_busy) 0 6px,
      color-mix(in srgb, var(--_busy) 70%, var(--_muted)) 6px 8px
    );
  }
  .cell.busy-other {
    background: repeating-linear-gradient(
      45deg,
      var(--_busy) 0 6px,
      color-mix(in srgb, var(--_busy) 75%, var(--_accent)) 6px 8px
    );
  }
  .cell.outside,
  .cell.past,
  .cell.overlap {
    cursor: not-allowed;
    background: var(--_surface-raised);
  }
  .cell.skipped {
    cursor: not-allowed;
    background: repeating-linear-gradient(90deg, var(--_surface-raised) 0 4px, var(--_surface) 4px 8px);
  }
  .cell:focus-visible {
    box-shadow: inset 0 0 0 3px var(--_accent);
    z-index: 1;
  }
  .cell.selected:focus-visible {
    box-shadow: inset 0 0 0 3px var(--_selected-contrast), inset 0 0 0 5px var(--_selected);
  }
  .narrow .cell {
    justify-content: space-between;
    padding-inline: 0.75rem;
    min-block-size: 2.75rem;
  }
  .narrow [role='rowheader'] {
    line-height: 2.75rem;
  }
  .cell .state {
    color: inherit;
  }

  .chips h3,
  .invitees h3 {
    margin: 0 0 0.35rem;
    font-size: 0.9375rem;
  }
  .chips ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .chip {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    padding-block: 0.25rem;
    padding-inline: 0.75rem 0.25rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 4px);
    background: var(--_surface-raised);
    max-inline-size: 100%;
  }
  .chip .text {
    display: grid;
    min-inline-size: 0;
  }
  .chip .theirs {
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .chip button {
    flex: none;
    inline-size: 2rem;
    min-block-size: 2rem;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }
  .chip button:hover {
    background: var(--_busy);
  }
  .chip button svg {
    inline-size: 0.875rem;
    block-size: 0.875rem;
  }

  .invitees label {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    margin-inline-end: 1rem;
    min-block-size: 2rem;
  }
  .invitees input {
    inline-size: 1.1rem;
    block-size: 1.1rem;
  }
  .invitees p {
    margin: 0;
  }

  .fields {
    display: grid;
    gap: 0.75rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .field span {
    font-weight: 600;
  }
  textarea {
    resize: vertical;
    min-block-size: 4.5rem;
  }

  .send-row {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: 0.75rem;
    flex-wrap: wrap;
  }
  .send-error {
    margin: 0;
    flex: 1 1 14rem;
  }
  .send-row button.primary {
    min-inline-size: 9rem;
  }

  .settings-view {
    display: grid;
    gap: 0.75rem;
  }
  .settings-view .back {
    justify-self: start;
  }

  @media (forced-colors: active) {
    .cell.selected {
      background: Highlight;
      color: HighlightText;
      forced-color-adjust: none;
    }
    .cell.busy,
    .cell.busy-other,
    .cell.outside,
    .cell.past,
    .cell.overlap,
    .cell.skipped {
      color: GrayText;
      border-style: dashed;
    }
    .segmented input:checked + span {
      outline: 2px solid Highlight;
    }
    [role='columnheader'].today .day-number {
      outline: 2px solid CanvasText;
    }
  }
`;
