// One-time codes leave by SMTP when a relay is configured: a real SMTP conversation with a
// small relay on a loopback port, which keeps what it receives. A relay that is down delays
// the message (the outbox retries) and the page answers the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { cli, startServer, tempDir } from '../support/ofpra.mjs';

let t;
let server;
let relay;
const received = [];

// Enough of RFC 5321 for a client that sends one message per connection.
function startRelay() {
  const srv = createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let message = { from: '', to: [], data: '' };
    socket.write('220 relay.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let i;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(message);
            message = { from: '', to: [], data: '' };
            socket.write('250 OK queued\r\n');
          } else {
            message.data += (line.startsWith('..') ? line.slice(1) : line) + '\n';
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 relay.test\r\n');
        else if (verb === 'MAIL') { message.from = line; socket.write('250 OK\r\n'); }
        else if (verb === 'RCPT') { message.to.push(line); socket.write('250 OK\r\n'); }
        else if (verb === 'DATA') { inData = true; socket.write('354 go ahead\r\n'); }
        else if (verb === 'QUIT') { socket.end('221 bye\r\n'); }
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}

function seedPersons(text) {
  return [...text.matchAll(/^\s+(\d{9})\s+(\d{4}-\d{2}-\d{2})\s+\(/gm)].map((m) => ({ numero: m[1], birth: m[2] }));
}

async function askForCode(person) {
  const form = await fetch(`${server.url}/activer`);
  const cookie = form.headers.get('set-cookie').split(';')[0];
  const csrf = (await form.text()).match(/name="csrf" value="([^"]+)"/)[1];
  const r = await fetch(`${server.url}/activer`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, numero_ofpra: person.numero, date_naissance: person.birth }),
  });
  assert.equal(r.status, 200);
  return r.text();
}

async function waitFor(predicate) {
  for (let i = 0; i < 200; i++) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

before(async () => {
  t = tempDir();
  const seeded = cli('seed', '--db', t.db('r.db'), '--persons', '80');
  assert.equal(seeded.status, 0);
  t.persons = seedPersons(seeded.stdout);
  relay = await startRelay();
  server = await startServer(t.db('r.db'), ['--smtp-url', `smtp://127.0.0.1:${relay.address().port}`,
    '--smtp-from', 'codes@ofpra.test', '--sms-domain', 'sms.test']);
});

after(async () => {
  await server?.stop();
  relay?.close();
  t?.remove();
});

test('an activation code goes out through the SMTP relay, in the person\'s language, and only there', async () => {
  const page = await askForCode(t.persons[1]);
  assert.doesNotMatch(page, /outbox/);  // no demo notice in production
  await waitFor(() => received.length === 1);
  const [m] = received;
  assert.match(m.from, /<codes@ofpra\.test>/);
  assert.match(m.to[0], /<[^>]+@[^>]+>/);
  assert.match(m.data, /^Subject: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/m);
  assert.match(m.data, /Content-Type: text\/plain; charset=utf-8/);
  assert.match(m.data, /Ofpra Connect: \d{8}|Ofpra Connect[^\n]*\d{8}|\b\d{8}\b/);
  const subject = Buffer.from(m.data.match(/Subject: =\?UTF-8\?B\?([^?]+)\?=/)[1], 'base64').toString('utf8');
  assert.match(subject, /Ofpra Connect/);
  // Neither the code nor the address reached the server's logs.
  const code = m.data.split('\n\n').slice(1).join('\n').match(/\b(\d{8})\b/)[1];
  const logs = server.logs();
  assert.ok(!logs.stderr.includes(code) && !logs.stdout.includes(code));
  assert.ok(!logs.stderr.includes(m.to[0].replace(/^.*<|>.*$/g, '')));
});

test('a number that is not registered sends nothing and answers the same page', async () => {
  const before = received.length;
  const page = await askForCode({ numero: '999999999', birth: '1990-01-01' });
  assert.match(page, /name="demande" value="[0-9a-f]{32}"/);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(received.length, before);
});
