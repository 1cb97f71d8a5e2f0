'use strict';
// One Hearth chat client over /api/v1/ws (docs/protocol/realtime.md): hello, `rooms.list` to
// subscribe and learn its group's room, then `message.send` and `message_posted` events.
const WebSocket = require('ws');

class HearthClient {
  // onText(text) is called for every `message_posted` this connection hears.
  constructor({ url, origin }, token, onText, counters) {
    this.url = url;
    this.origin = origin;
    this.token = token;
    this.onText = onText;
    this.counters = counters;
    this.roomId = null;
    this.nextId = 2;
  }

  connect() {
    return new Promise((resolve, reject) => {
      // No permessage-deflate (ws offers it by default): the server's cost per frame is what is
      // measured, and the XMPP peer is driven without stream compression too.
      const ws = new WebSocket(this.url, {
        headers: { Cookie: `hearth_session=${this.token}`, Origin: this.origin },
        perMessageDeflate: false,
        skipUTF8Validation: true,
      });
      this.ws = ws;
      let listed = false;
      ws.on('error', (e) => (listed ? this.counters.socketErrors++ : reject(e)));
      ws.on('close', () => {
        this.counters.closed++;
        if (!listed) reject(new Error('closed before rooms.list was answered'));
      });
      ws.on('message', (data) => {
        const s = data.toString('latin1');
        if (listed) return this.onFrame(s);
        const m = JSON.parse(s);
        if (m.type === 'hello') {
          ws.send('{"type":"rooms.list","id":1}');
        } else if (m.type === 'ack' && m.id === 1) {
          const room = m.rooms.find((r) => r.kind === 'group');
          if (!room) return reject(new Error('no group room in rooms.list'));
          this.roomId = room.id;
          listed = true;
          resolve();
        } else if (m.type === 'error') {
          reject(new Error(`error before ready: ${s}`));
        }
      });
    });
  }

  // A cheap look at each frame rather than JSON.parse: at tens of thousands of deliveries a
  // second the generator's one core would otherwise be the bottleneck.
  onFrame(s) {
    if (s.startsWith('{"type":"message_posted"') || s.includes('"type":"message_posted"')) {
      const at = s.indexOf('"text":"');
      if (at < 0) return;
      const end = s.indexOf('"', at + 8);
      this.onText(s.slice(at + 8, end));
    } else if (s.includes('"type":"ack"')) {
      this.counters.acks++;
    } else if (s.includes('"type":"error"')) {
      this.counters.errors++;
      if (this.counters.errorSamples.length < 5) this.counters.errorSamples.push(s.slice(0, 200));
    }
  }

  send(text) {
    const id = this.nextId++;
    this.ws.send(
      `{"type":"message.send","id":${id},"room_id":"${this.roomId}","client_message_id":"c${id}","text":"${text}"}`,
    );
  }

  close() {
    if (this.ws) this.ws.terminate();
  }
}

module.exports = { HearthClient };
