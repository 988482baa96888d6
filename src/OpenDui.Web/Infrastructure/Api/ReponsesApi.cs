using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace OpenDui.Web.Infrastructure.Api;

/// <summary>What the DUI adds to the shared result mapping (<see cref="ReponsesHttp"/>): a use case's errors on a form.</summary>
public static class ReponsesApi
{
    /// <summary>Copies a use case's errors onto a form.</summary>
    public static void Reporter(this ModelStateDictionary ms, Erreurs e, string prefixe = "")
    {
        foreach (var (champ, messages) in e.ParChamp)
            foreach (var m in messages)
                ms.AddModelError(champ.Length == 0 ? "" : (prefixe.Length == 0 ? champ : $"{prefixe}.{champ}"), m);
    }

    public static bool EstConflitDeConcurrence(this Exception e) => e is DbUpdateConcurrencyException;
}
