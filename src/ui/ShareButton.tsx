/**
 * Share: a link holding the whole scenario text and the current step (#s=..., compressed and
 * versioned, no server needed). It is copied to the clipboard when the browser allows, and shown
 * in a field to copy by hand otherwise. "Opens in presentation mode" adds &present=1 (a lecturer
 * prepares the projector's tab with it); it starts ticked when the page is in presentation mode.
 */
import { useState } from 'react';
import type { ScenarioStore } from '../store/scenario_store';
import { loadShareCodec, withHashFlag } from './hash';
import { count } from './count';

const prefetch = () => void loadShareCodec().catch(() => undefined);

export function ShareButton({ store, presentation = false }: { store: ScenarioStore; presentation?: boolean }) {
  const [link, setLink] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [present, setPresent] = useState(presentation);
  const copy = async (url: string) => {
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setNote(`Link copied (${count(url.length)} characters).`);
    } catch {
      setNote('Copy the link below.');
    }
  };
  const share = async (presenting: boolean) => {
    // the codec (with fflate) is a chunk of its own, usually fetched already on hover or focus
    let codec: Awaited<ReturnType<typeof loadShareCodec>>;
    try {
      codec = await loadShareCodec();
    } catch {
      setLink(null);
      setNote('The link maker could not be loaded: check the connection and try again.');
      return;
    }
    const { MAX_SHARED_SOURCE, shareUrl } = codec;
    const { source, target } = store.getState();
    if (source.length > MAX_SHARED_SOURCE) {
      setLink(null);
      setNote(`The scenario is too long to share as a link (over ${count(MAX_SHARED_SOURCE)} characters).`);
      return;
    }
    const url = shareUrl(window.location.href, source, target);
    await copy(presenting ? withHashFlag(url, 'present') : url);
  };
  return (
    <div className="flex items-center gap-2">
      <button type="button" className="rounded border border-sky-400 bg-sky-900 px-3 py-1.5 font-medium text-slate-100 hover:bg-sky-800 focus:outline focus:outline-2 focus:outline-sky-300" onClick={() => void share(present)} onPointerEnter={prefetch} onFocus={prefetch}>
        Share
      </button>
      {note !== '' && (
        <span role="status" className="text-sm text-slate-300">
          {note}
        </span>
      )}
      {link !== null && (
        <>
          <input
            readOnly
            aria-label="Share link"
            data-testid="share-link"
            className="font-code w-64 rounded border border-slate-600 bg-slate-800 px-2 py-1 text-xs text-slate-200"
            value={link}
            onFocus={(e) => e.currentTarget.select()}
          />
          <label className="flex items-center gap-1 whitespace-nowrap text-sm text-slate-300">
            <input
              type="checkbox"
              checked={present}
              onChange={(e) => {
                setPresent(e.target.checked);
                void share(e.target.checked);
              }}
            />
            opens in presentation mode
          </label>
        </>
      )}
    </div>
  );
}
