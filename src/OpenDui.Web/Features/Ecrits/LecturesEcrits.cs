using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Journee;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Ecrits;

/// <param name="Ecrits">The écrits shown to the reader, to mark as read at once (at most <see cref="LecturesEcrits.MaxParEnvoi"/>).</param>
public sealed record MarquageLecture(IReadOnlyList<Guid>? Ecrits);

/// <param name="Marques">How many of the écrits sent the reader may read (now marked read; those already read count too).</param>
public sealed record LecturesMarquees(int Marques);

/// <summary>"Read" marks, per professional: marking an écrit read is the reader's own act, on what they may read.</summary>
public sealed class LecturesEcrits(OpenDuiDbContext db, PerimetreAcces perimetre, VisibiliteEcrits visibilite)
{
    public const int MaxParEnvoi = 200;

    public async Task<Resultat<LecturesMarquees>> MarquerAsync(Guid ecritId, CancellationToken ct)
    {
        var r = await MarquerAsync([ecritId], ct);
        return r.EstOk && r.Valeur!.Marques == 0 ? Resultat<LecturesMarquees>.Introuvable() : r;
    }

    public async Task<Resultat<LecturesMarquees>> MarquerAsync(IReadOnlyList<Guid>? ecrits, CancellationToken ct)
    {
        if (ecrits is null || ecrits.Count == 0) return Resultat<LecturesMarquees>.Invalide("ecrits", "Indiquez les écrits à marquer comme lus.");
        if (ecrits.Count > MaxParEnvoi) return Resultat<LecturesMarquees>.Invalide("ecrits", $"Au plus {MaxParEnvoi} écrits à la fois.");
        var moi = db.Auteur.Id ?? Guid.Empty;
        var demandes = ecrits.Distinct().ToArray();
        var usagers = (await perimetre.UsagersVisiblesAsync(ct)).Select(u => u.Id);
        var lisibles = await db.Ecrits.AsNoTracking().Where(x => demandes.Contains(x.Id)).Where(await visibilite.PredicatAsync(ct))
            .Where(x => usagers.Contains(x.UsagerId)).Select(x => x.Id).ToListAsync(ct);
        var deja = await db.LecturesEcrits.AsNoTracking().Where(l => l.ProfessionnelId == moi && lisibles.Contains(l.EcritId)).Select(l => l.EcritId).ToListAsync(ct);
        var nouveaux = lisibles.Except(deja).ToList();
        if (nouveaux.Count > 0)
        {
            db.LecturesEcrits.AddRange(nouveaux.Select(id => new LectureEcrit { EcritId = id, ProfessionnelId = moi, LuLe = db.Maintenant }));
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // The same mark sent twice at once (a double tap): the first one stands.
                db.ChangeTracker.Clear();
            }
        }
        return Resultat<LecturesMarquees>.Ok(new LecturesMarquees(lisibles.Count));
    }
}

/// <summary>A transmission to read on "Ma journée".</summary>
/// <param name="Extrait">The start of its données or text, enough to know what it is about.</param>
public sealed record TransmissionAlire(Guid Id, Guid UsagerId, string Personne, TypeEcrit Type, string? Cible, string Extrait, bool Important, bool Lu,
    DateTimeOffset Horodatage, string AuteurNom, Role RoleAuteur);

/// <param name="Depuis">The oldest instant looked at (unread écrits); read ones are shown for <see cref="TransmissionsAlire.FenetreLues"/>.</param>
public sealed record TransmissionsDuPoste(IReadOnlyList<TransmissionAlire> Transmissions, int NonLues, DateTimeOffset Depuis);

/// <summary>
/// The transmissions the signed-in professional should read: the écrits of others about the people of their perimeter
/// (their ESSMS or units) that they may read, unread ones first, important ones on top, then newest. "Since my last
/// shift" is kept simple and predictable, without tracking sign-ins: every unread écrit of the last 72 hours (a long
/// weekend off), and the ones already read of the last 24 hours, for context. At most <see cref="Maximum"/> rows.
/// The people looked at are those of my perimeter present in that window (séjour under way, or ended within it,
/// <see cref="PresentsDuJour"/>). For a unit or an EHPAD, the écrits of those people over the window are read once and
/// kept for every reader of the same perimeter while nothing changes for them (<see cref="LecturesEnMemoire"/>); what is
/// the reader's own is applied on every request: the rule of who reads what (<see cref="RegleLecture"/>, the same as the
/// database predicate), their read marks, their own écrits left out. Beyond, the database filters them through the
/// (usager, time) index. Each person shown is one read traced (the rows show what was written about them), once per
/// <see cref="RelectureNonRetracee"/>.
/// </summary>
public sealed class TransmissionsAlire(OpenDuiDbContext db, PerimetreAcces perimetre, VisibiliteEcrits visibilite, JournalAcces journal,
    PresentsDuJour presents, LecturesEnMemoire lectures)
{
    public static readonly TimeSpan FenetreNonLues = TimeSpan.FromHours(72);
    public static readonly TimeSpan FenetreLues = TimeSpan.FromHours(24);
    public const int Maximum = 100;
    /// <summary>The list is refreshed all day: a person already traced for this reader and this list within this time is not traced again.</summary>
    public static readonly TimeSpan RelectureNonRetracee = TimeSpan.FromMinutes(10);
    /// <summary>Beyond this many people present, their écrits are found through a sub-query rather than a list of ids.</summary>
    private const int ListeMaximum = 2000;
    private const int LongueurExtrait = 160;

    /// <summary>Does the signed-in professional read records at all (else "Ma journée" has no transmissions section)?</summary>
    public async Task<bool> ConcerneAsync(CancellationToken ct) => (await perimetre.HabilitationsAsync(ct)).Any(h => h.Role.OuvreLesDossiers());

    public async Task<Resultat<TransmissionsDuPoste>> LireAsync(string ressource, CancellationToken ct)
    {
        var moi = db.Auteur.Id ?? Guid.Empty;
        var maintenant = db.Maintenant;
        var depuis = maintenant - FenetreNonLues;
        var recentes = maintenant - FenetreLues;
        var jourDepuis = DateOnly.FromDateTime(depuis.UtcDateTime).AddDays(-1);
        // The names come with the people (no sub-query per écrit).
        var noms = new Dictionary<Guid, string>();
        foreach (var s in await presents.LireAsync(ct))
            if (s.DateAdmission != null && (s.DateSortie == null || s.DateSortie >= jourDepuis)) noms.TryAdd(s.UsagerId, s.Prenom + " " + s.Nom);
        var ids = noms.Keys.ToList();
        if (ids.Count == 0) return Resultat<TransmissionsDuPoste>.Ok(new TransmissionsDuPoste([], 0, depuis));

        var lignes = await presents.MarqueAsync(ct) is { } marque
            ? await DeLaFenetreGardeeAsync(marque, ids, moi, depuis, recentes, ct)
            : await DeLaBaseAsync(ids, moi, depuis, recentes, ct);
        // Group commit: the reads of all the people listed go in one write of the access trail.
        await journal.TracerLecturesAsync(db, lignes.Select(l => l.UsagerId), ressource, RelectureNonRetracee);
        var transmissions = lignes.Select(l => new TransmissionAlire(l.Id, l.UsagerId, noms.GetValueOrDefault(l.UsagerId, ""), l.Type, l.Cible,
            l.Extrait, l.Important, l.Lu, l.Horodatage, l.AuteurNom, l.RoleAuteur)).ToList();
        return Resultat<TransmissionsDuPoste>.Ok(new TransmissionsDuPoste(transmissions, transmissions.Count(t => !t.Lu), depuis));
    }

    private sealed record Ligne(Guid Id, Guid UsagerId, TypeEcrit Type, string? Cible, string Extrait, bool Important, bool Lu,
        DateTimeOffset Horodatage, string AuteurNom, Role RoleAuteur);

    /// <summary>An écrit of the window as kept for every reader: who may read it is decided per reader.</summary>
    private sealed record EcritGarde(Guid Id, Guid UsagerId, Guid EssmsId, CercleEcrit Cercle, Guid AuteurId, TypeEcrit Type, string? Cible,
        string Extrait, bool Important, DateTimeOffset Horodatage, string AuteurNom, Role RoleAuteur);

    /// <summary>The écrits of the people since <c>Debut</c> (midnight UTC before the window's start, so that it holds the
    /// window all day), and their people's active objections.</summary>
    private sealed record Fenetre(IReadOnlyList<EcritGarde> Ecrits, ILookup<Guid, ObjectionPartage> Objections);

    private async Task<List<Ligne>> DeLaFenetreGardeeAsync(LecturesEnMemoire.Marque marque, List<Guid> ids, Guid moi, DateTimeOffset depuis,
        DateTimeOffset recentes, CancellationToken ct)
    {
        var debut = new DateTimeOffset(DateOnly.FromDateTime(depuis.UtcDateTime).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var fenetre = await lectures.LireAsync(marque, (nameof(TransmissionsAlire), debut, await presents.ClePerimetreAsync(ct)), async c =>
        {
            var ecrits = await db.Ecrits.AsNoTracking().Where(x => ids.Contains(x.UsagerId) && x.Horodatage >= debut)
                .Select(x => new
                {
                    x.Id, x.UsagerId, x.EssmsId, x.Cercle, x.AuteurId, x.Type, x.Cible,
                    Debut = (x.Donnees ?? x.Texte ?? "").Substring(0, LongueurExtrait + 1),
                    x.Important, x.Horodatage, x.AuteurNom, x.RoleAuteur,
                })
                .ToListAsync(c);
            var objections = await db.ObjectionsPartage.AsNoTracking().Where(o => ids.Contains(o.UsagerId) && o.LeveeLe == null).ToListAsync(c);
            return new Fenetre([.. ecrits.Select(x => new EcritGarde(x.Id, x.UsagerId, x.EssmsId, x.Cercle, x.AuteurId, x.Type, x.Cible,
                Extrait(x.Debut), x.Important, x.Horodatage, x.AuteurNom, x.RoleAuteur))], objections.ToLookup(o => o.UsagerId));
        }, ct);
        var regle = await visibilite.RegleAsync(ct);
        var lisibles = fenetre.Ecrits
            .Where(x => x.Horodatage >= depuis && x.AuteurId != moi && regle.Lit(x.AuteurId, x.EssmsId, x.Cercle, fenetre.Objections[x.UsagerId]))
            .ToList();
        if (lisibles.Count == 0) return [];
        // The reader's own marks, on every request: those made since the kept window began, a range of one index. An écrit
        // is marked read only once written (LuLe ≥ its Horodatage), so every mark on an écrit of the window is in the range;
        // the statement's cost follows what the reader has read lately, not the size of the window (the bench's unit has
        // 480 écrits in it: 480 key look-ups, and on SQLite a JSON array of 480 ids to parse; bench/README.md, tenth run).
        var lus = (await db.LecturesEcrits.AsNoTracking()
            .Where(l => l.ProfessionnelId == moi && l.LuLe >= debut).Select(l => l.EcritId).ToListAsync(ct)).ToHashSet();
        return [.. lisibles.Select(x => (Ecrit: x, Lu: lus.Contains(x.Id)))
            .Where(y => !y.Lu || y.Ecrit.Horodatage >= recentes)
            .OrderBy(y => y.Lu).ThenByDescending(y => y.Ecrit.Important).ThenByDescending(y => y.Ecrit.Horodatage).ThenByDescending(y => y.Ecrit.Id)
            .Take(Maximum)
            .Select(y => new Ligne(y.Ecrit.Id, y.Ecrit.UsagerId, y.Ecrit.Type, y.Ecrit.Cible, y.Ecrit.Extrait, y.Ecrit.Important, y.Lu,
                y.Ecrit.Horodatage, y.Ecrit.AuteurNom, y.Ecrit.RoleAuteur))];
    }

    private async Task<List<Ligne>> DeLaBaseAsync(List<Guid> ids, Guid moi, DateTimeOffset depuis, DateTimeOffset recentes, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        var jourDepuis = DateOnly.FromDateTime(depuis.UtcDateTime).AddDays(-1);
        // A whole organisation: the people as a sub-query. Neither DISTINCT nor LIMIT here: with them, PostgreSQL's generic
        // plan of the prepared statement walks every séjour (50 ms instead of 0.4).
        var requetePresents =
            from s in db.Sejours
            join u in db.Usagers on s.UsagerId equals u.Id
            where u.FusionneDansId == null && !s.Annule && s.DateAdmission != null && (s.DateSortie == null || s.DateSortie >= jourDepuis)
                && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value)))
            select s.UsagerId;
        var ecrits = ids.Count <= ListeMaximum ? db.Ecrits.Where(x => ids.Contains(x.UsagerId)) : db.Ecrits.Where(x => requetePresents.Contains(x.UsagerId));
        var lignes = await ecrits.AsNoTracking().Where(x => x.Horodatage >= depuis && x.AuteurId != moi).Where(await visibilite.PredicatAsync(ct))
            .Select(x => new { Ecrit = x, Lu = db.Set<LectureEcrit>().Any(l => l.EcritId == x.Id && l.ProfessionnelId == moi) })
            .Where(y => !y.Lu || y.Ecrit.Horodatage >= recentes)
            .OrderBy(y => y.Lu).ThenByDescending(y => y.Ecrit.Important).ThenByDescending(y => y.Ecrit.Horodatage).ThenByDescending(y => y.Ecrit.Id)
            .Take(Maximum)
            .Select(y => new
            {
                y.Ecrit.Id, y.Ecrit.UsagerId, y.Ecrit.Type, y.Ecrit.Cible, Debut = (y.Ecrit.Donnees ?? y.Ecrit.Texte ?? "").Substring(0, LongueurExtrait + 1),
                y.Ecrit.Important, y.Lu, y.Ecrit.Horodatage, y.Ecrit.AuteurNom, y.Ecrit.RoleAuteur,
            })
            .ToListAsync(ct);
        return [.. lignes.Select(l => new Ligne(l.Id, l.UsagerId, l.Type, l.Cible, Extrait(l.Debut), l.Important, l.Lu, l.Horodatage, l.AuteurNom, l.RoleAuteur))];
    }

    private static string Extrait(string texte) => texte.Length <= LongueurExtrait ? texte : texte[..LongueurExtrait].TrimEnd() + "…";
}

/// <summary>"Ma journée": the transmissions to read (<see cref="TransmissionsAlire"/>).</summary>
public sealed record SectionTransmissionsModele(TransmissionsDuPoste Transmissions);

internal sealed class SectionTransmissions(TransmissionsAlire transmissions) : ISectionJournee
{
    public const string Vue = "/Features/Ecrits/_SectionTransmissions.cshtml";

    public async Task<SectionJournee?> LireAsync(CancellationToken ct)
    {
        if (!await transmissions.ConcerneAsync(ct)) return null;
        var r = await transmissions.LireAsync("page Ma journée (transmissions)", ct);
        return r.EstOk ? new SectionJournee(OrdreSection.Transmissions, Vue, new SectionTransmissionsModele(r.Valeur!)) : null;
    }
}
