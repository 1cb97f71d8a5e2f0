'use strict';
// One XMPP client of the project's own framing over plain TCP (RFC 6120, XEP-0045): stream
// header, SASL ANONYMOUS, stream restart, resource binding, then a multi-user chat room joined
// with no history; `groupchat` messages out, and every `<body>` of a `groupchat` message in.
// Only what the benchmark needs: no TLS, no stream management, no XML parser (stanzas are found
// by their closing tags, which is exact for what ejabberd and Prosody send here: either quoting of
// attributes, and no stanza nested in another).
const net = require('net');

class XmppClient {
  constructor({ host, port, domain, mucDomain }, room, nick, onText, counters) {
    this.host = host;
    this.port = port;
    this.domain = domain;
    this.roomJid = `${room}@${mucDomain}`;
    this.nick = nick;
    this.onText = onText;
    this.counters = counters;
    this.buf = '';
  }

  header() {
    return (
      `<?xml version='1.0'?><stream:stream to='${this.domain}' xmlns='jabber:client' ` +
      `xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`
    );
  }

  connect() {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host: this.host, port: this.port });
      this.sock = sock;
      sock.setNoDelay(true);
      sock.setEncoding('latin1');
      let state = 'features';
      let ready = false;
      sock.on('error', (e) => (ready ? this.counters.socketErrors++ : reject(e)));
      sock.on('close', () => {
        this.counters.closed++;
        if (!ready) reject(new Error(`closed while ${state}: ${this.buf.slice(-300)}`));
      });
      sock.on('connect', () => sock.write(this.header()));
      sock.on('data', (chunk) => {
        if (ready) return this.onData(chunk);
        this.buf += chunk;
        const b = this.buf;
        if (b.includes('<stream:error') || b.includes('<failure')) {
          return reject(new Error(`refused while ${state}: ${b.slice(-300)}`));
        }
        if (state === 'features' && b.includes('</stream:features>')) {
          this.buf = '';
          state = 'auth';
          sock.write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>");
        } else if (state === 'auth' && b.includes('<success')) {
          this.buf = '';
          state = 'features2';
          sock.write(this.header());
        } else if (state === 'features2' && b.includes('</stream:features>')) {
          this.buf = '';
          state = 'bind';
          sock.write(
            "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>",
          );
        } else if (state === 'bind' && b.includes('</jid>')) {
          this.buf = '';
          state = 'join';
          sock.write(
            `<presence to='${this.roomJid}/${this.nick}'><x xmlns='http://jabber.org/protocol/muc'>` +
              `<history maxstanzas='0'/></x></presence>`,
          );
        } else if (state === 'join' && /code=['"]110['"]/.test(b)) {
          // Our own presence in the room (status 110): we are in.
          this.buf = '';
          ready = true;
          resolve();
        }
      });
    });
  }

  // Finds each whole `<message …>…</message>` stanza; anything else (presence) is skipped.
  onData(chunk) {
    let b = this.buf + chunk;
    let pos = 0;
    for (;;) {
      const start = b.indexOf('<message', pos);
      if (start < 0) {
        pos = Math.max(pos, b.length - 8); // keep a possible partial "<message"
        break;
      }
      const end = b.indexOf('</message>', start);
      if (end < 0) {
        pos = start;
        break;
      }
      const stanza = b.slice(start, end);
      pos = end + 10;
      const head = stanza.slice(0, stanza.indexOf('>'));
      if (head.includes("type='error'") || head.includes('type="error"')) {
        this.counters.errors++;
        if (this.counters.errorSamples.length < 5) this.counters.errorSamples.push(stanza.slice(0, 300));
        continue;
      }
      const body = stanza.indexOf('<body>');
      if (body < 0) continue;
      this.onText(stanza.slice(body + 6, stanza.indexOf('</body>', body)));
    }
    this.buf = b.slice(pos);
  }

  send(text) {
    this.sock.write(`<message to='${this.roomJid}' type='groupchat'><body>${text}</body></message>`);
  }

  close() {
    if (this.sock) this.sock.destroy();
  }
}

module.exports = { XmppClient };
