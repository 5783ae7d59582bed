import { useCallback, useEffect, useRef, useState } from "react";

/** The parts of the Web Speech API the microphone capture uses (not in TypeScript's DOM library). */
interface SpeechAlternative {
  transcript: string;
}
interface SpeechResult {
  readonly isFinal: boolean;
  readonly length: number;
  [index: number]: SpeechAlternative;
}
interface SpeechResultEvent {
  readonly resultIndex: number;
  readonly results: { readonly length: number; [index: number]: SpeechResult };
}
interface SpeechErrorEvent {
  readonly error: string;
}
interface Recognition {
  continuous: boolean;
  interimResults: boolean;
  lang: string;
  onresult: ((event: SpeechResultEvent) => void) | null;
  onerror: ((event: SpeechErrorEvent) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}
type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | null {
  const scope = window as unknown as {
    SpeechRecognition?: RecognitionConstructor;
    webkitSpeechRecognition?: RecognitionConstructor;
  };
  return scope.SpeechRecognition ?? scope.webkitSpeechRecognition ?? null;
}

const ERROR_WORDS: Record<string, string> = {
  "not-allowed": "The browser did not allow the microphone. Allow it in the site settings, then start again.",
  "service-not-allowed": "The browser's speech service is switched off for this site.",
  "audio-capture": "No microphone was found. Plug one in, then start again.",
  network: "The browser's speech service could not be reached. Check the connection, then start again.",
  "language-not-supported": "The browser's speech service does not support this language.",
};

/** Errors after which listening again straight away would only fail again. */
const FATAL = new Set(["not-allowed", "service-not-allowed", "audio-capture", "language-not-supported"]);

export interface SpeechCapture {
  supported: boolean;
  listening: boolean;
  /** What is being heard and not yet final. */
  interim: string;
  error: string | null;
  start: () => void;
  stop: () => void;
}

/**
 * The browser's speech recognition, continuous, with interim results. Each final result is passed to `onFinal`
 * with the moment (Date.now()) its first words were heard. Browsers stop listening after a silence; this starts
 * again until `stop()`.
 */
export function useSpeechCapture(onFinal: (text: string, heardAt: number) => void): SpeechCapture {
  const [supported] = useState(() => recognitionConstructor() !== null);
  const [listening, setListening] = useState(false);
  const [interim, setInterim] = useState("");
  const [error, setError] = useState<string | null>(null);
  const recognition = useRef<Recognition | null>(null);
  const wanted = useRef(false);
  const heardAt = useRef<number | null>(null);
  const finalHandler = useRef(onFinal);
  finalHandler.current = onFinal;

  const stop = useCallback(() => {
    wanted.current = false;
    recognition.current?.stop();
    setInterim("");
  }, []);

  const start = useCallback(() => {
    const Constructor = recognitionConstructor();
    if (!Constructor || wanted.current) return;
    const next = new Constructor();
    next.continuous = true;
    next.interimResults = true;
    next.lang = navigator.language || "en-US";
    next.onresult = (event) => {
      let pending = "";
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const result = event.results[i];
        const text = result?.[0]?.transcript.trim() ?? "";
        if (!result || text === "") continue;
        heardAt.current ??= Date.now();
        if (result.isFinal) {
          finalHandler.current(text, heardAt.current);
          heardAt.current = null;
        } else {
          pending += `${text} `;
        }
      }
      setInterim(pending.trim());
    };
    next.onerror = (event) => {
      if (event.error === "no-speech" || event.error === "aborted") return;
      setError(ERROR_WORDS[event.error] ?? `Speech recognition stopped (${event.error}).`);
      if (FATAL.has(event.error)) wanted.current = false;
    };
    next.onend = () => {
      if (wanted.current && recognition.current === next) {
        try {
          next.start();
          return;
        } catch {
          // Falls through: it cannot start again.
        }
      }
      if (recognition.current === next) {
        recognition.current = null;
        wanted.current = false;
        setListening(false);
        setInterim("");
      }
    };
    recognition.current = next;
    wanted.current = true;
    setError(null);
    try {
      next.start();
      setListening(true);
    } catch (failure) {
      wanted.current = false;
      recognition.current = null;
      setError(`Speech recognition could not start: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  }, []);

  useEffect(
    () => () => {
      wanted.current = false;
      recognition.current?.abort();
      recognition.current = null;
    },
    [],
  );

  return { supported, listening, interim, error, start, stop };
}
