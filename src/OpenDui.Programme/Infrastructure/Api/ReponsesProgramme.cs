using Microsoft.EntityFrameworkCore;
using OpenDui.Hote;
using OpenDui.Programme.Features.Candidatures;

namespace OpenDui.Programme.Infrastructure.Api;

/// <summary>The use cases that still refuse by exception (instruction, envelopes, adjustments, accounts, reports) give
/// the same <see cref="Resultat{T}"/> as those that answer one: the API maps both the same way.</summary>
public static class ReponsesProgramme
{
    public static async Task<Resultat<T>> ResultatAsync<T>(Func<Task<T>> action)
    {
        try { return Resultat<T>.Ok(await action()); }
        catch (RegleException e) { return Resultat<T>.Invalide(e.Erreurs()); }
        catch (IntrouvableException) { return Resultat<T>.Introuvable(); }
        catch (InterditException) { return Resultat<T>.Interdit(InterditException.Refus); }
        catch (DbUpdateConcurrencyException) { return Resultat<T>.Conflit("", "Le dossier a été modifié entre-temps : rechargez-le et recommencez."); }
    }

    public static Task<Resultat<Rien>> ResultatAsync(Func<Task> action) => ResultatAsync(async () =>
    {
        await action();
        return default(Rien);
    });
}
