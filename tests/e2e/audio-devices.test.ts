/**
 * SPEC F4 / F2 in the web shell with Chromium's fake devices: Settings lists
 * the microphones and outputs the page's media host sees ("System default"
 * first), a chosen ringing device and microphone persist (settings.get) and
 * reach the media host (setDevices), the ring tone of an incoming call plays
 * on the ringing device, and the call audio on the chosen speaker.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Settings } from '../../src-preload/contract/ipc-contract';
import type { MediaTestDevices } from '../../src-renderer/src/media-host/e2e-test-hook';
import { waitRegistered } from '../support/two-clients';
import { useTwoClients } from '../support/use-two-clients';
import type { WebShellClient } from '../support/web-shell-client';

/** value/text of each option of a select */
function options(page: Page, testId: string): Promise<{ value: string; text: string }[]> {
  return page
    .getByTestId(testId)
    .locator('option')
    .evaluateAll((nodes) => nodes.map((n) => ({ value: (n as HTMLOptionElement).value, text: n.textContent ?? '' })));
}

function mediaDevices(page: Page): Promise<MediaTestDevices | null> {
  // window.__ucMediaTest is typed differently by audio-call.test.ts: read it through a local view
  return page.evaluate(
    () => (window as unknown as { __ucMediaTest?: { devices(): MediaTestDevices } }).__ucMediaTest?.devices() ?? null,
  );
}

async function settingsOf(client: WebShellClient): Promise<Settings> {
  return (await client.backend.invoke('settings.get', {})) as Settings;
}

describe('audio devices in the web shell (SPEC F4)', () => {
  let alice: WebShellClient;
  let bruno: WebShellClient;
  useTwoClients((clients) => {
    ({ alice, bruno } = clients);
  });

  it('lists the fake devices, System default first', async () => {
    const page = bruno.page;
    await page.getByTestId('open-settings').click();
    await expect
      .poll(async () => (await options(page, 'settings-audio-microphone')).length, { timeout: 10_000 })
      .toBeGreaterThan(1);
    const mics = await options(page, 'settings-audio-microphone');
    expect(mics[0]).toEqual({ value: '', text: 'System default' });
    // Chromium's fake capture devices, with labels (the host asked for the permission once)
    expect(mics.slice(1).every((o) => o.value !== '' && /fake/i.test(o.text))).toBe(true);
    const speakers = await options(page, 'settings-audio-speaker');
    const ringers = await options(page, 'settings-audio-ringing');
    expect(speakers[0]?.value).toBe('');
    expect(ringers).toEqual(speakers);
    // the engine sees the same list as the page
    const listed = await bruno.backend.invoke('audio.listDevices', {});
    expect(listed.inputs.map((d) => d.deviceId)).toEqual(mics.slice(1).map((o) => o.value));
    expect(listed.outputs.map((d) => d.deviceId)).toEqual(speakers.slice(1).map((o) => o.value));
  });

  it('a chosen ringing device and microphone persist and reach the media host', async () => {
    const page = bruno.page;
    const ringers = (await options(page, 'settings-audio-ringing')).slice(1);
    const mics = (await options(page, 'settings-audio-microphone')).slice(1);
    const mic = mics.at(-1)!.value;
    await page.getByTestId('settings-audio-microphone').selectOption(mic);
    await expect.poll(async () => (await settingsOf(bruno)).audio.microphoneId).toBe(mic);
    await expect.poll(async () => (await mediaDevices(page))?.choice.microphoneId).toBe(mic);

    if (ringers.length === 0) {
      // this Chromium build lists no output device: only the default can be used
      expect((await settingsOf(bruno)).audio.ringingId).toBeNull();
      return;
    }
    const ringer = ringers.at(-1)!.value;
    await page.getByTestId('settings-audio-ringing').selectOption(ringer);
    await expect.poll(async () => (await settingsOf(bruno)).audio.ringingId).toBe(ringer);
    await expect.poll(async () => (await mediaDevices(page))?.ringingSinkId).toBe(ringer);
    expect((await mediaDevices(page))?.choice).toEqual({ microphoneId: mic, ringingId: ringer });
    // back to the default
    await page.getByTestId('settings-audio-ringing').selectOption('');
    await expect.poll(async () => (await settingsOf(bruno)).audio.ringingId).toBeNull();
    await expect.poll(async () => (await mediaDevices(page))?.ringingSinkId).toBe('');
    await page.getByTestId('settings-audio-ringing').selectOption(ringer);
    await expect.poll(async () => (await mediaDevices(page))?.ringingSinkId).toBe(ringer);

    // a new media host page (reload) announces itself and gets the stored choice again
    await page.reload();
    await waitRegistered(page);
    await expect
      .poll(async () => (await mediaDevices(page))?.choice, { timeout: 10_000 })
      .toEqual({ microphoneId: mic, ringingId: ringer });
    await page.getByTestId('open-settings').click();
    await expect.poll(() => page.getByTestId('settings-audio-ringing').inputValue()).toBe(ringer);
  });

  it('rings on the ringing device and plays the call on the chosen speaker with the chosen microphone', async () => {
    const page = bruno.page;
    const outputs = (await options(page, 'settings-audio-speaker')).slice(1);
    const speaker = outputs[0]?.value ?? '';
    if (speaker) {
      await page.getByTestId('settings-audio-speaker').selectOption(speaker);
      await expect.poll(async () => (await mediaDevices(page))?.choice.speakerId).toBe(speaker);
    }
    const audio = (await settingsOf(bruno)).audio;
    await page.getByTestId('settings-back').click();

    await alice.page.getByTestId('dial-input').fill('101');
    await alice.page.getByTestId('dial-input').press('Enter');
    const item = page.getByTestId('call-item').first();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 15_000 }).toBe('ringing-in');
    await expect.poll(async () => (await mediaDevices(page))?.ringing).toBe(true);
    expect((await mediaDevices(page))?.ringingSinkId).toBe(audio.ringingId ?? '');

    await item.getByTestId('call-answer').click();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 15_000 }).toBe('established');
    await expect.poll(async () => (await mediaDevices(page))?.ringing).toBe(false);
    const during = await mediaDevices(page);
    expect(during?.speakerSinkIds).toEqual([audio.speakerId ?? '']);
    expect(during?.microphoneIds).toEqual([audio.microphoneId ?? '']);

    // live switch of the microphone (replaceTrack) while the call runs
    const otherMic = (await bruno.backend.invoke('audio.listDevices', {})).inputs.find(
      (d) => d.deviceId !== audio.microphoneId,
    )!.deviceId;
    await bruno.backend.invoke('settings.update', { audio: { microphoneId: otherMic } });
    await expect.poll(async () => (await mediaDevices(page))?.microphoneIds).toEqual([otherMic]);
    // a preferred device that is not plugged in: the default is used meanwhile…
    await bruno.backend.invoke('settings.update', {
      audio: { microphoneId: 'unplugged-mic', speakerId: 'unplugged-out' },
    });
    await expect.poll(async () => (await mediaDevices(page))?.microphoneIds).toEqual(['']);
    await expect.poll(async () => (await mediaDevices(page))?.speakerSinkIds).toEqual(['']);
    // …and a device that is there again is used again
    await bruno.backend.invoke('settings.update', { audio: { microphoneId: otherMic, speakerId: audio.speakerId } });
    await expect.poll(async () => (await mediaDevices(page))?.microphoneIds).toEqual([otherMic]);
    await expect.poll(async () => (await mediaDevices(page))?.speakerSinkIds).toEqual([audio.speakerId ?? '']);
    // the call still carries audio after the switches
    const before = await page.evaluate(() =>
      (window as unknown as { __ucMediaTest: { inboundPackets(): Promise<number> } }).__ucMediaTest.inboundPackets(),
    );
    await expect
      .poll(() =>
        page.evaluate(() =>
          (
            window as unknown as { __ucMediaTest: { inboundPackets(): Promise<number> } }
          ).__ucMediaTest.inboundPackets(),
        ),
      )
      .toBeGreaterThan(before);

    await alice.page.getByTestId('call-hangup').first().click();
    await expect.poll(() => page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
  });
});
