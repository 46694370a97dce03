#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/TARGET/seed-*): a few valid inputs
of each kind, from which libFuzzer mutates. Inputs that once crashed a target are kept beside
them as crash-* files, never regenerated, and so are journal_export's seeds, a real export
whose signatures only a journal's own key can make. Usage: fuzz/make-seeds.py [registry.jsonl]"""
import os, struct, sys

HERE = os.path.dirname(os.path.abspath(__file__))

def write(target, name, data):
    folder = os.path.join(HERE, 'corpus', target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, 'seed-' + name), 'wb') as f:
        f.write(data.encode() if isinstance(data, str) else data)

write('http_request', 'get', 'GET /api/v1/healthz?x=1 HTTP/1.1\r\nHost: a\r\nX-Request-Id: abc-1\r\n\r\n')
write('http_request', 'form', 'POST /connexion HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n'
      'Cookie: session=abc; csrf=def\r\nContent-Length: 27\r\n\r\nnumero=123456789&mdp=a%20b+c')
write('http_request', 'chunked', 'POST /api/v1/verifications HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n'
      '5\r\n{"a":\r\n2\r\n1}\r\n0\r\n\r\n')
write('http_request', 'keepalive', 'GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.0\r\nX-Forwarded-For: 203.0.113.9, 10.0.0.2\r\n\r\n')
write('http_request', 'smuggle', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\nContent-Length: 3\r\n\r\nabc')

sig = 'A' * 103
write('twoddoc', 'attestation', 'DC04FR00OC01266D266DZZ01FR01ABCDEFGHJKLM\x1d0826C9\x1d62AHMADI\x1d60MOHAMMAD/REZA\x1d'
      '6900001990\x1e6MREFUGIE\x1d6N12042023\x1f' + sig)
write('twoddoc', 'printed', 'DC04FR00OC01266D266DZZ01FR01ABC<GS>6A' + 'X' * 32 + '<RS>68F<US>' + sig + '\n')
write('twoddoc', 'pdf', '%PDF-1.5\n1 0 obj <</Type/Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF')
write('twoddoc', 'png', b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00')
write('multipart', 'form', 'multipart/form-data; boundary=b\n--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'
      'token\r\n--b\r\nContent-Disposition: form-data; name="fichier"; filename="a.pdf"\r\nContent-Type: application/pdf'
      '\r\n\r\n%PDF-\r\n--b--\r\n')

base = '"recipient":"21750001600019","motif":"Ouverture de droits","scopes":["protection","etat_civil"]'
write('verification_request', 'numero', '{' + base + ',"numero_ofpra":"123456789","agent":"a-1"}')
write('verification_request', 'identity', '{' + base + ',"date":"2026-01-01","identite":{"nom_naissance":"DIALLO",'
      '"prenoms":["Aminata","Fatou"],"date_naissance":"1990-05","sexe":"F","code_pays_naissance":"99330"}}')
write('verification_request', 'agdref', '{' + base + ',"numero_agdref":"7501234567"}')

header = '{"alg":"EdDSA","typ":"at+jwt","kid":"0000000000000000"}'
write('access_token', 'claims', header + '\n{"iss":"https://connect.ofpra.test","client_id":"c1","siret":"21750001600019",'
      '"scope":"protection etat_civil","jti":"j1","iat":1799999000,"exp":1800000600}')
write('access_token', 'raw', 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.AAAA')
write('client_assertion', 'claims', '{"alg":"EdDSA","typ":"JWT"}\n{"iss":"c1","sub":"c1","aud":["https://connect.ofpra.test/oauth/token"],'
      '"jti":"j","exp":1800000600,"iat":1799999000}')
write('client_assertion', 'pem', '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n')

if len(sys.argv) > 1:
    with open(sys.argv[1]) as f:
        for i, line in enumerate(f):
            if i >= 6: break
            write('registry_record', f'person{i}', line.rstrip('\n'))

for d in ['1990', '1990-05', '1990-05-17', '2000-02-29', '1900-12-31', '0001-01-01']:
    write('partial_date', d, d)
for c in ['ABC-DEF-GHJ', 'abc def ghj', '23456789Z', 'protection_etat_civil']:
    write('share_code', c.replace(' ', '_'), c)
write('names', 'latin', 'DIALLO\nAminata Fatou\nDiallo\nAminata')
write('names', 'accents', "N'GUESSAN-KOUAMÉ\nÉlodie Zoë\nNGUESSAN KOUAME\nELODIE")
write('names', 'arabic', 'محمد\nعلي\nMOHAMMED\nALI')
write('forms_and_cookies', 'form', 'numero=123456789&mdp=a%20b+c&csrf=%C3%A9')
write('forms_and_cookies', 'cookie', 'session=abc; csrf=def;lang=ar')
write('sql_text', 'select', "SELECT id FROM t WHERE a = ?1 AND b = '?2' AND \"c?3\" = ?3")
write('sql_text', 'copy', 'a\tb\\n\nc\r\\N')
write('trusted_proxies', 'v4', '127.0.0.1, 10.0.0.0/8\n10.0.0.1\n203.0.113.5, 10.0.0.2')
write('trusted_proxies', 'v6', '::1, fd00::/8\nfd00::1\n2001:db8::1')
snapshot = b'OFPRASN1' + struct.pack('<Q', 4) + b'fuzz' + struct.pack('<q', 1) + struct.pack('<Q', 0) + struct.pack('<Q', 1) \
    + struct.pack('<Q', 0) + struct.pack('<Q', 0) + struct.pack('<Q', 0) + struct.pack('<Q', 0) + struct.pack('<Q', 0)
write('registry_snapshot', 'empty', snapshot)
