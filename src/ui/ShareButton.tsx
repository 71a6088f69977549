/**
 * Share: a link holding the whole scenario text and the current step (#s=..., compressed and
 * versioned, no server needed). It is copied to the clipboard when the browser allows, and shown
 * in a field to copy by hand otherwise. "Opens in presentation mode" adds &present=1 (a lecturer
 * prepares the projector's tab with it); it starts ticked when the page is in presentation mode.
 * A text the link could not carry is refused, saying which limit and how far over (the codec's
 * shareValue: the same limits the link's reader holds to). The link and the note are of the text
 * shared: they go away as soon as the text changes.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';
import { loadShareCodec, withHashFlag } from './hash';
import { count } from './count';

const prefetch = () => void loadShareCodec().catch(() => undefined);

export function ShareButton({ store, presentation = false }: { store: ScenarioStore; presentation?: boolean }) {
  const [link, setLink] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [present, setPresent] = useState(presentation);
  // a link (or a refusal) is of the text it was made from: an edit, a lesson or a link opened ends it
  const source = useStore(store, (s) => s.source);
  useEffect(() => {
    setLink(null);
    setNote('');
  }, [source]);
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
    const { source, target } = store.getState();
    const made = codec.shareValue(source);
    if (!made.ok) {
      setLink(null);
      setNote(`Not shared: ${made.message}.`);
      return;
    }
    const url = codec.shareUrlOf(window.location.href, made.value, target);
    await copy(presenting ? withHashFlag(url, 'present') : url);
  };
  return (
    <div className="flex items-center gap-2">
      <button type="button" className="rounded border border-sky-400 bg-sky-900 px-3 py-1.5 font-medium text-slate-100 hover:bg-sky-800 focus:outline focus:outline-2 focus:outline-sky-300" onClick={() => void share(present)} onPointerEnter={prefetch} onFocus={prefetch}>
        Share
      </button>
      {note !== '' && (
        <span role="status" data-testid="share-note" className={`text-sm ${link === null ? 'text-amber-200' : 'text-slate-300'}`}>
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
