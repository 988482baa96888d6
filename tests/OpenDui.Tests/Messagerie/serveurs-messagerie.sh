#!/usr/bin/env bash
# Real MSSanté-like mail servers for the tests, on loopback: postfix (submission with STARTTLS only, TLS 1.2+, relay
# permitted to a known client certificate or a SASL login through dovecot) and dovecot (IMAP with STARTTLS, TLS 1.2+),
# virtual mailboxes in maildirs for the domains org.mssante.test, partenaire.mssante.test and patient.mssante.fr.
# A test authority signs the servers' and the organisation's certificates.
#   serveurs-messagerie.sh demarrer DIR PORT_SMTP PORT_IMAP PORT_AUTH [INTROSPECTION_URL]
#       (prints nothing, exit 0 once both listen). With INTROSPECTION_URL (an OAuth 2.0 token introspection endpoint,
#       RFC 7662, its client's credentials in the URL for HTTP Basic), submission also accepts SASL XOAUTH2 and
#       OAUTHBEARER: dovecot's oauth2 passdb asks the endpoint and accepts an active token whose "email" is the login.
#   serveurs-messagerie.sh arreter DIR
#   serveurs-messagerie.sh smtp-arreter DIR | smtp-demarrer DIR          (to test retries)
set -euo pipefail
action=$1; dir=$2

arreter_postfix() { postfix -c "$dir/postfix" stop >/dev/null 2>&1 || true; }

case "$action" in
arreter)
    arreter_postfix
    [ -f "$dir/dovecot/run/master.pid" ] && kill "$(cat "$dir/dovecot/run/master.pid")" 2>/dev/null || true
    exit 0 ;;
smtp-arreter) arreter_postfix; exit 0 ;;
smtp-demarrer) postfix -c "$dir/postfix" start >/dev/null 2>&1; exit 0 ;;
demarrer) ;;
*) echo "usage: $0 demarrer|arreter|smtp-arreter|smtp-demarrer DIR ..." >&2; exit 2 ;;
esac

smtp=$3; imap=$4; auth=$5; introspection=${6:-}
if ! command -v postfix >/dev/null || ! command -v dovecot >/dev/null; then
    echo "postfix et dovecot-imapd manquent (tests/run.sh les installe)" >&2; exit 3
fi
mkdir -p "$dir"/{pki,postfix,dovecot/run,mail,queue}
chmod 755 "$dir" "$dir/mail" "$dir/pki"
uid=$(id -u postfix); gid=$(id -g postfix)
chown postfix:postfix "$dir/mail"

# --- test authority, server certificate (127.0.0.1 / localhost), organisation and a stranger's client certificates
cd "$dir/pki"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Autorite de test MSSante OpenDUI" -keyout ca.key -out ca.pem 2>/dev/null
certificat() { # name CN extensions
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
    printf '%s\n' "$3" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
}
certificat serveur localhost "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth"
certificat organisation "org.mssante.test" "extendedKeyUsage=clientAuth"
certificat inconnu "inconnu.mssante.test" "extendedKeyUsage=clientAuth"
# the stranger's certificate is signed by another authority: the server accepts its TLS but grants it nothing
openssl pkcs12 -export -in organisation.pem -inkey organisation.key -out organisation.pfx -passout pass:secret
openssl pkcs12 -export -in inconnu.pem -inkey inconnu.key -out inconnu.pfx -passout pass:secret
chmod 644 ./*.pem ./*.pfx; chmod 640 ./*.key; chgrp dovecot serveur.key 2>/dev/null || true
empreinte=$(openssl x509 -in organisation.pem -noout -fingerprint -sha256 | cut -d= -f2)

# --- dovecot: IMAP (STARTTLS required) + the SASL service postfix asks; every test mailbox has password "test"
cat > "$dir/dovecot/dovecot.conf" <<EOF
base_dir = $dir/dovecot/run
state_dir = $dir/dovecot/run
instance_name = opendui-$imap
protocols = imap
listen = 127.0.0.1
log_path = $dir/dovecot/dovecot.log
ssl = required
ssl_cert = <$dir/pki/serveur.pem
ssl_key = <$dir/pki/serveur.key
ssl_ca = <$dir/pki/ca.pem
ssl_min_protocol = TLSv1.2
ssl_verify_client_cert = no
disable_plaintext_auth = yes
auth_mechanisms = plain login${introspection:+ xoauth2 oauthbearer}
mail_location = maildir:$dir/mail/%d/%n
mail_uid = $uid
mail_gid = $gid
first_valid_uid = $uid
passdb {
  driver = static
  args = password=test
  mechanisms = plain login
}
$( [ -n "$introspection" ] && printf 'passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = %s\n}\n' "$dir/dovecot/oauth2.conf.ext" )
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$dir/mail/%d/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap
  }
  inet_listener imaps {
    port = 0
  }
}
service auth {
  inet_listener {
    address = 127.0.0.1
    port = $auth
  }
}
namespace inbox {
  inbox = yes
}
EOF
if [ -n "$introspection" ]; then
    # The personal mailboxes' tokens (Pro Santé Connect's, in the tests the test provider's): introspected on each login.
    cat > "$dir/dovecot/oauth2.conf.ext" <<EOF
introspection_mode = post
introspection_url = $introspection
username_attribute = email
active_attribute = active
active_value = true
force_introspection = yes
EOF
fi
dovecot -c "$dir/dovecot/dovecot.conf"

# --- postfix: its own instance (config, queue, log) in $dir
cat > "$dir/postfix/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/queue/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.org.mssante.test
mydomain = org.mssante.test
myorigin = \$mydomain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
syslog_name = postfix-opendui-$smtp
maillog_file = $dir/postfix.log
maillog_file_prefixes = $dir
smtputf8_enable = no
biff = no
virtual_mailbox_domains = org.mssante.test, partenaire.mssante.test, patient.mssante.fr
virtual_mailbox_base = $dir/mail
virtual_mailbox_maps = texthash:$dir/postfix/boites
virtual_uid_maps = static:$uid
virtual_gid_maps = static:$gid
relayhost =
default_transport = error:seuls les domaines de test sont servis
message_size_limit = 52428800
virtual_mailbox_limit = 0
smtpd_tls_cert_file = $dir/pki/serveur.pem
smtpd_tls_key_file = $dir/pki/serveur.key
smtpd_tls_CAfile = $dir/pki/ca.pem
smtpd_tls_security_level = encrypt
smtpd_tls_auth_only = yes
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_ask_ccert = yes
smtpd_tls_fingerprint_digest = sha256
relay_clientcerts = texthash:$dir/postfix/certificats
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:$auth
smtpd_relay_restrictions = permit_tls_clientcerts, permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_tls_clientcerts, permit_sasl_authenticated, reject
EOF
printf '%s organisation\n' "$empreinte" > "$dir/postfix/certificats"
# numbered mailboxes (each test host takes its own number); every Mon espace santé address lands in one mailbox
{ for n in $(seq 1 40); do
    printf 'dui%s@org.mssante.test org.mssante.test/dui%s/\n' "$n" "$n"
    printf 'pro%s@partenaire.mssante.test partenaire.mssante.test/pro%s/\n' "$n" "$n"
  done
  printf '@patient.mssante.fr patient.mssante.fr/tous/\n'; } > "$dir/postfix/boites"
cat > "$dir/postfix/master.cf" <<EOF
127.0.0.1:$smtp inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
postfix -c "$dir/postfix" start >/dev/null 2>&1 || { cat "$dir/postfix.log" >&2 2>/dev/null; exit 4; }

# --- wait until both listen
for _ in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$smtp") 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/"$imap") 2>/dev/null; then exit 0; fi
    sleep 0.1
done
echo "les serveurs de messagerie n'écoutent pas" >&2; cat "$dir/postfix.log" "$dir/dovecot/dovecot.log" >&2 2>/dev/null; exit 5
