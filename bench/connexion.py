#!/usr/bin/env python3
"""Signs in to the pages as a browser does (login form, then the TOTP form, with the antiforgery tokens) and prints the
session's Cookie header for wrk. Cookies are kept by hand: the host marks them Secure, and the bench talks plain HTTP on
the loopback. Usage: connexion.py <base URL> <login> <password> <TOTP code>"""
import http.client
import re
import sys
import urllib.parse

base, login, mot_de_passe, code = sys.argv[1:5]
hote = urllib.parse.urlsplit(base)
cookies = {}


def requete(methode, chemin, champs=None):
    cx = http.client.HTTPConnection(hote.hostname, hote.port)
    entetes = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    corps = None
    if champs is not None:
        corps = urllib.parse.urlencode(champs)
        entetes["Content-Type"] = "application/x-www-form-urlencoded"
    cx.request(methode, chemin, body=corps, headers=entetes)
    r = cx.getresponse()
    html = r.read().decode("utf-8", "replace")
    for nom, valeur in r.getheaders():
        if nom.lower() == "set-cookie":
            k, _, v = valeur.split(";")[0].partition("=")
            if v:
                cookies[k.strip()] = v.strip()
            else:
                cookies.pop(k.strip(), None)
    return r.status, r.getheader("Location"), html


def jeton(html):
    m = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html) \
        or re.search(r'value="([^"]+)"[^>]*name="__RequestVerificationToken"', html)
    if not m:
        sys.exit("!! jeton antiforgery absent de la page de connexion")
    return m.group(1)


_, _, html = requete("GET", "/Compte/Connexion")
statut, lieu, _ = requete("POST", "/Compte/Connexion", {"Login": login, "MotDePasse": mot_de_passe, "__RequestVerificationToken": jeton(html)})
if statut != 302 or "SecondFacteur" not in (lieu or ""):
    sys.exit(f"!! connexion refusée ({statut} {lieu})")
_, _, html = requete("GET", urllib.parse.urlsplit(lieu)._replace(scheme="", netloc="").geturl())
statut, lieu, _ = requete("POST", "/Compte/SecondFacteur", {"Code": code, "__RequestVerificationToken": jeton(html)})
if statut != 302:
    sys.exit(f"!! second facteur refusé ({statut})")
print("; ".join(f"{k}={v}" for k, v in cookies.items()))
