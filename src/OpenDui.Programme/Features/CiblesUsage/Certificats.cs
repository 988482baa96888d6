using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.CiblesUsage;

/// <summary>
/// A certificate a porteur's DUI signs its usage reports with. Registering it is what makes a report
/// attributable to the organisation (the console pins it by SHA-256 thumbprint); revoking it stops every later import.
/// </summary>
public sealed class CertificatSignature
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PorteurId { get; set; }
    /// <summary>SHA-256 of the DER certificate, lower-case hex.</summary>
    public required string Empreinte { get; set; }
    public required string Sujet { get; set; }
    public required string Emetteur { get; set; }
    public DateTimeOffset ValideDu { get; set; }
    public DateTimeOffset ValideAu { get; set; }
    public required string Pem { get; set; }
    public DateTimeOffset AjouteLe { get; set; }
    public required string AjoutePar { get; set; }
    public DateTimeOffset? RevoqueLe { get; set; }
    public string? RevoquePar { get; set; }
}

public sealed record LigneCertificat(Guid Id, Guid PorteurId, string Porteur, string Empreinte, string Sujet, string Emetteur,
    DateTimeOffset ValideDu, DateTimeOffset ValideAu, DateTimeOffset AjouteLe, string AjoutePar, DateTimeOffset? RevoqueLe, string? RevoquePar)
{
    public bool Revoque => RevoqueLe is not null;
}

/// <summary>Porteurs register and revoke their signing certificates; ARS instructors (their porteurs) and the
/// CNSA/DNS (all) read them.</summary>
public sealed class Certificats(ProgrammeDbContext db, TimeProvider horloge, ConfianceCertificats confiance)
{
    public const int TailleMax = 32 * 1024;
    public const int Limite = 500;

    public async Task<IReadOnlyList<LigneCertificat>> ListerAsync(Acteur a, CancellationToken ct = default)
    {
        var q = db.CertificatsSignature.AsNoTracking();
        if (a.Profil == Profil.Porteur) q = q.Where(c => c.PorteurId == a.PorteurId);
        else if (a.Profil == Profil.InstructeurArs)
        {
            var porteurs = db.Candidatures.Visibles(a).Select(c => c.PorteurId);
            q = q.Where(c => porteurs.Contains(c.PorteurId));
        }
        else if (!a.EstNational) q = q.Where(_ => false);
        // Which 500 are kept must not depend on the database's mood: a total order (the key breaks ties).
        var lignes = await q.Join(db.Porteurs, c => c.PorteurId, p => p.Id, (c, p) => new { c, p.RaisonSociale })
            .OrderBy(x => x.RaisonSociale).ThenBy(x => x.c.RevoqueLe != null).ThenBy(x => x.c.Id)
            .Take(Limite)
            .Select(x => new LigneCertificat(x.c.Id, x.c.PorteurId, x.RaisonSociale, x.c.Empreinte, x.c.Sujet,
                x.c.Emetteur, x.c.ValideDu, x.c.ValideAu, x.c.AjouteLe, x.c.AjoutePar, x.c.RevoqueLe, x.c.RevoquePar))
            .ToListAsync(ct);
        // DateTimeOffset does not sort in SQLite: the short list is ordered here.
        return lignes.OrderBy(l => l.Porteur).ThenBy(l => l.Revoque).ThenByDescending(l => l.AjouteLe).ToList();
    }

    /// <summary>Registers a certificate from its PEM or DER file. A private key is never accepted.</summary>
    public async Task<CertificatSignature> AjouterAsync(Acteur a, byte[] contenu, CancellationToken ct = default)
    {
        if (a.Profil != Profil.Porteur) throw new InterditException();
        if (a.PorteurId is not { } porteurId) throw new RegleException("Votre compte n'est rattaché à aucun organisme porteur.");
        using var certificat = Lire(contenu);
        if (FormatRapportUsage.DefautCertificat(certificat) is { } defaut) throw new RegleException("Ce certificat ne peut pas signer de rapport d'usage : " + defaut);
        confiance.Exiger(certificat, horloge.GetUtcNow(), "Ce certificat ne peut pas être enregistré : ");
        var empreinte = FormatRapportUsage.Empreinte(certificat);
        var existant = await db.CertificatsSignature.AsNoTracking().Where(c => c.Empreinte == empreinte).Select(c => new { c.PorteurId }).FirstOrDefaultAsync(ct);
        if (existant is not null)
            throw new RegleException(existant.PorteurId == porteurId
                ? "Ce certificat est déjà enregistré pour votre organisme."
                : "Ce certificat est déjà enregistré par un autre organisme : un certificat de signature n'atteste que d'un seul organisme.");
        var c = new CertificatSignature
        {
            PorteurId = porteurId, Empreinte = empreinte, Sujet = Tronquer(certificat.Subject, 500), Emetteur = Tronquer(certificat.Issuer, 500),
            ValideDu = new DateTimeOffset(certificat.NotBefore.ToUniversalTime(), TimeSpan.Zero), ValideAu = new DateTimeOffset(certificat.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            Pem = certificat.ExportCertificatePem(), AjouteLe = horloge.GetUtcNow(), AjoutePar = a.Nom,
        };
        db.CertificatsSignature.Add(c);
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task RevoquerAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        if (a.Profil != Profil.Porteur) throw new InterditException();
        var c = await db.CertificatsSignature.FirstOrDefaultAsync(x => x.Id == id && x.PorteurId == a.PorteurId, ct) ?? throw new IntrouvableException();
        if (c.RevoqueLe is not null) throw new RegleException($"Ce certificat est déjà révoqué (le {FormatRapportUsage.Local(c.RevoqueLe.Value)}).");
        c.RevoqueLe = horloge.GetUtcNow();
        c.RevoquePar = a.Nom;
        await db.SaveChangesAsync(ct);
    }

    private static X509Certificate2 Lire(byte[] contenu)
    {
        if (contenu.Length == 0) throw new RegleException("Le fichier est vide.");
        if (contenu.Length > TailleMax) throw new RegleException("Un certificat ne dépasse pas 32 Ko : ce fichier n'en est pas un.");
        var texte = Encoding.UTF8.GetString(contenu);
        if (texte.Contains("PRIVATE KEY", StringComparison.Ordinal))
            throw new RegleException("Ce fichier contient une clé privée : elle ne doit jamais quitter votre organisme. Déposez le certificat seul (fichier .pem ou .crt « BEGIN CERTIFICATE »).");
        try
        {
            return texte.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(texte)
                : X509CertificateLoader.LoadCertificate(contenu);
        }
        catch (CryptographicException)
        {
            throw new RegleException("Fichier illisible : déposez le certificat X.509 de signature, au format PEM (.pem, .crt) ou DER (.cer).");
        }
    }

    private static string Tronquer(string s, int n) => s.Length <= n ? s : s[..n];
}
