using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Consentements;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.Cda;
using OpenDui.Web.Interop.Dmp;

namespace OpenDui.Web.Features.Dmp;

/// <summary>Whether the DUI may send a document to the person's DMP now, and if not, why (French, no personal data).</summary>
public sealed record PossibiliteDmp(bool Possible, string? Raison, (string Matricule, string Oid)? Ins);

/// <summary>
/// The one question asked before anything goes to the DMP: the DMP is configured, the identity is qualified with its INS
/// (RNIV: only a qualified INS leaves the DUI), and the person did not object (<see cref="ChoixDeLaPersonne"/>).
/// It checks no perimeter: the caller did.
/// </summary>
public sealed class PartageDmp(OpenDuiDbContext db, IOptions<DmpOptions> options, ChoixDeLaPersonne choix)
{
    public DmpOptions Options => options.Value;

    public async Task<PossibiliteDmp> PeutVerserAsync(Guid usagerId, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Configure) return new(false, "Le DMP n'est pas configuré sur cette installation.", null);
        var u = await db.Usagers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == usagerId, ct);
        if (u is null) return new(false, "Dossier introuvable.", null);
        if (IdentifiantsSortants.InsSortant(u, o.AccepterOidTest) is not { } ins)
            return new(false, "L'identité de la personne n'est pas qualifiée (INS vérifié par le téléservice INSi et pièce d'identité contrôlée) : rien n'est envoyé au DMP.", null);
        var d = await choix.PeutAsync(usagerId, ActeSoumis.AlimenterDmp, ct);
        if (!d.Autorise) return new(false, "La personne s'est opposée à l'alimentation de son DMP.", null);
        return new(true, null, ins);
    }

    /// <summary>A new uniqueId under the installation's root: root + ".3." + the row's id as a decimal number.</summary>
    public static string NouvelUniqueId(string oidRacine, Guid id) =>
        $"{oidRacine}.3.{new BigInteger(id.ToByteArray(), isUnsigned: true, isBigEndian: false)}";
}

/// <summary>What an envoi of the DMP channel carries: the row to send.</summary>
public sealed record ChargeDmp(Guid DocumentId);
