using OpenDui.Web.Features.Sejours;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed record NouveauContact(string? Nom, string? Prenom, string? Lien, RoleContact Roles, string? Telephone, string? Courriel, string? Adresse);
public sealed record NouvelleMesure(TypeMesureProtection? Type, DateOnly? DateDebut, DateOnly? DateFin, string? Mandataire, string? Juridiction);

/// <summary>The entourage and legal protection of a usager.</summary>
public sealed class GestionEntourage(OpenDuiDbContext db, PerimetreAcces perimetre)
{    /// <summary>The record's contacts (by name) and protection measures (newest first); the caller checks the perimeter and traces the read.</summary>
    public async Task<(List<Contact> Contacts, List<MesureProtection> Mesures)> LireAsync(Guid usagerId, CancellationToken ct) =>
        (await db.Contacts.AsNoTracking().Where(c => c.UsagerId == usagerId).OrderBy(c => c.Nom).ToListAsync(ct),
         await db.MesuresProtection.AsNoTracking().Where(m => m.UsagerId == usagerId).OrderByDescending(m => m.DateDebut).ToListAsync(ct));


    public async Task<Resultat<Guid>> AjouterContactAsync(Guid usagerId, NouveauContact c, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Roles.GestionnairesEntourage, ct)) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        var nom = Texte(c.Nom, nameof(c.Nom), "Le nom", 100, true, e);
        var prenom = Texte(c.Prenom, nameof(c.Prenom), "Le prénom", 100, true, e);
        var lien = Texte(c.Lien, nameof(c.Lien), "Le lien", 100, false, e);
        var tel = Texte(c.Telephone, nameof(c.Telephone), "Le téléphone", 30, false, e);
        var courriel = Texte(c.Courriel, nameof(c.Courriel), "Le courriel", 200, false, e);
        var adresse = Texte(c.Adresse, nameof(c.Adresse), "L'adresse", 300, false, e);
        if (tel is not null && !tel.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '+' or '.' or '-' or '(' or ')'))
            e.Ajouter(nameof(c.Telephone), "Le téléphone ne doit contenir que des chiffres, espaces, points, tirets ou +.");
        if (courriel is not null && !System.Net.Mail.MailAddress.TryCreate(courriel, out _))
            e.Ajouter(nameof(c.Courriel), "Le courriel n'est pas une adresse valide.");
        if ((int)c.Roles < 0 || (int)c.Roles > 15) e.Ajouter(nameof(c.Roles), "Rôle inconnu.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        // The personne de confiance is a written, co-signed designation (Consentements module): the role follows it, never set here.
        if (c.Roles.HasFlag(RoleContact.PersonneDeConfiance))
            return Resultat<Guid>.Invalide(nameof(c.Roles), MessagePersonneDeConfiance(usagerId));
        var contact = new Contact { UsagerId = usagerId, Nom = nom!, Prenom = prenom!, Lien = lien, Roles = c.Roles, Telephone = tel, Courriel = courriel, Adresse = adresse };
        db.Contacts.Add(contact);
        db.Noter(usagerId, "Entourage", $"Contact ajouté : {prenom} {nom}" + (c.Roles == RoleContact.Aucun ? "" : $" ({string.Join(", ", c.Roles.Libelles())})"));
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(contact.Id);
    }

    /// <summary>Where the personne de confiance is designated (the Consentements module's page).</summary>
    public static string PageDesignation(Guid usagerId) => $"/Consentements/Dossier/{usagerId}";

    private static string MessagePersonneDeConfiance(Guid usagerId) =>
        $"La personne de confiance se désigne par écrit, cosigné par elle : enregistrez la désignation sur la page « Choix et consentements » ({PageDesignation(usagerId)}).";

    public async Task<Resultat<Guid>> RetirerContactAsync(Guid usagerId, Guid contactId, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Roles.GestionnairesEntourage, ct)) return Resultat<Guid>.Introuvable();
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId && c.UsagerId == usagerId, ct);
        if (contact is null) return Resultat<Guid>.Introuvable();
        if (contact.Roles.HasFlag(RoleContact.PersonneDeConfiance))
            return Resultat<Guid>.Invalide("", $"Ce contact est la personne de confiance : révoquez d'abord sa désignation ({PageDesignation(usagerId)}).");
        db.Contacts.Remove(contact);
        db.Noter(usagerId, "Entourage", $"Contact retiré : {contact.Prenom} {contact.Nom}");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(contactId);
    }

    public async Task<Resultat<Guid>> AjouterMesureAsync(Guid usagerId, NouvelleMesure m, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Roles.GestionnairesEntourage, ct)) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        if (m.Type is not { } type || !Enum.IsDefined(type)) e.Ajouter(nameof(m.Type), "Le type de mesure est obligatoire.");
        if (m.DateDebut is null) e.Ajouter(nameof(m.DateDebut), "La date de début est obligatoire.");
        else if (m.DateDebut > db.Aujourdhui) e.Ajouter(nameof(m.DateDebut), "La date du jugement ne peut pas être dans le futur.");
        else if (await db.Usagers.Where(u => u.Id == usagerId).Select(u => u.DateNaissance).SingleAsync(ct) is var naissance && m.DateDebut < naissance)
            e.Ajouter(nameof(m.DateDebut), $"La mesure de protection ne peut pas commencer avant la naissance de la personne ({naissance:dd/MM/yyyy}).");
        if (m.DateFin is not null && m.DateDebut is not null && m.DateFin < m.DateDebut)
            e.Ajouter(nameof(m.DateFin), "La date de fin ne peut pas précéder la date de début.");
        var mandataire = Texte(m.Mandataire, nameof(m.Mandataire), "Le mandataire", 200, true, e);
        var juridiction = Texte(m.Juridiction, nameof(m.Juridiction), "La juridiction", 200, false, e);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var mesure = new MesureProtection { UsagerId = usagerId, Type = m.Type!.Value, DateDebut = m.DateDebut!.Value, DateFin = m.DateFin, Mandataire = mandataire!, Juridiction = juridiction };
        db.MesuresProtection.Add(mesure);
        db.Noter(usagerId, "Protection", $"Mesure de protection : {mesure.Type.Libelle()} à compter du {mesure.DateDebut:dd/MM/yyyy}, mandataire {mandataire}");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(mesure.Id);
    }

    private static string? Texte(string? v, string champ, string libelle, int max, bool obligatoire, Erreurs e)
    {
        var t = v?.Trim();
        if (string.IsNullOrEmpty(t)) { if (obligatoire) e.Ajouter(champ, $"{libelle} est obligatoire."); return null; }
        if (t.Length > max) { e.Ajouter(champ, $"{libelle} dépasse {max} caractères."); return null; }
        return TexteLibre.Verifier(t, champ, libelle, e) ? t : null;
    }
}
