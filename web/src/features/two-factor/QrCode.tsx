import { toString as qrToSvg } from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A QR code of `value` as an SVG data: URL in an <img> (the server's CSP allows img-src data:,
 * and an image needs no inline script or style). Medium error correction, a four-module quiet
 * zone (ISO/IEC 18004 §6.3.8), black on white in both themes so every camera can read it.
 */
export function QrCode({ value, alt }: { value: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    qrToSvg(value, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 4,
      color: { dark: '#000000', light: '#ffffff' },
    }).then(
      (svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [value]);

  if (failed) return <p className="meta">The QR code could not be drawn; enter the key below instead.</p>;
  if (src === null) return <div className="qr qr--pending" />;
  return <img className="qr" src={src} alt={alt} width={220} height={220} />;
}
