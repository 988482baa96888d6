# A trickle of writes beside a read scenario: posts planned doses of the pool (doses.txt, written by `OpenDui.Bench doses`)
# at RATE a second on one keep-alive connection, as the unit's nurse (bearer TOKEN), until killed. Used by hand in the
# fourteenth run (bench/README.md) to measure the search by name while doses are recorded, as in an establishment.
# Usage: python3 bench/filet.py http://127.0.0.1:5099 TOKEN DATA_FOLDER/doses.txt 10
# Every 100 doses it writes "<sent> <answered 201>" to /tmp/filet.n.
import http.client
import json
import sys
import time
import urllib.parse
import uuid

u = urllib.parse.urlparse(sys.argv[1])
jeton, rate = sys.argv[2], float(sys.argv[4])
doses = [l.rstrip("\n").split("\t") for l in open(sys.argv[3]) if "\t" in l]
c = http.client.HTTPConnection(u.hostname, u.port)
n = ok = 0
t0 = time.time()
for cle, le in doses:
    corps = json.dumps({"cleDose": cle, "statut": "Donnee", "le": le, "cleIdempotence": str(uuid.uuid4())})
    c.request("POST", "/api/medicaments/administrations", corps, {"Authorization": "Bearer " + jeton, "Content-Type": "application/json"})
    r = c.getresponse()
    r.read()
    ok += r.status == 201
    n += 1
    if n % 100 == 0:
        with open("/tmp/filet.n", "w") as f:
            f.write(f"{n} {ok}\n")
    time.sleep(max(0, t0 + n / rate - time.time()))
