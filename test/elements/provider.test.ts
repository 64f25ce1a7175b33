import { expect, fixture } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { consume } from '@lit/context';
import { state } from 'lit/decorators.js';
import 'axe-core';
import { meetingContext, type MeetingEnvironment } from '../../packages/elements/src/context.ts';
import { createWorld } from './world.ts';

class EnvProbe extends LitElement {
  @consume({ context: meetingContext, subscribe: true }) @state() env?: MeetingEnvironment;
  override render() {
    return html`<p>${this.env?.locale} ${this.env?.timeZone} ${this.env?.now()}</p>`;
  }
}
customElements.define('env-probe', EnvProbe);

describe('<meeting-provider>', () => {
  it('gives descendants the locale, zone, clock and adapters, and updates them live', async () => {
    const world = createWorld();
    const probe = await world.mount<EnvProbe>(html`<env-probe></env-probe>`, { as: 'bob', locale: 'de-DE' });
    expect(probe.shadowRoot!.textContent).to.contain('de-DE Asia/Kolkata 2026-03-09T14:00:00Z');
    expect(probe.env?.thread).to.not.equal(undefined);
    const provider = probe.parentElement as HTMLElement & { timeZone: string };
    provider.timeZone = 'Europe/Berlin';
    await (provider as unknown as LitElement).updateComplete;
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('Europe/Berlin');
  });

  it('defaults to the browser’s zone and language without any attribute', async () => {
    const probe = (await fixture(html`<meeting-provider><env-probe></env-probe></meeting-provider>`)).firstElementChild as EnvProbe;
    await probe.updateComplete;
    expect(probe.env?.timeZone).to.equal(new Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('sets the writing direction from the locale', async () => {
    const world = createWorld();
    const probe = await world.mount<EnvProbe>(html`<env-probe></env-probe>`, { locale: 'ar-EG' });
    expect(probe.parentElement!.getAttribute('dir')).to.equal('rtl');
    await expect(probe.parentElement!).to.be.accessible();
  });
});
