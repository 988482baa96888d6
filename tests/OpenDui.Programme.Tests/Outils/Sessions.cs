using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace OpenDui.Programme.Tests.Outils;

/// <summary>Page sessions (cookie) for HTTP tests: sign in through the login form, post forms with their antiforgery token.</summary>
public static partial class Sessions
{
    /// <summary>A client signed in through /Compte/Connexion (session cookie), redirects not followed.</summary>
    public static async Task<HttpClient> ClientPagesAsync(this HoteProgramme app, string login)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var formulaire = await client.GetStringAsync("/Compte/Connexion");
        var rep = await client.PostAsync("/Compte/Connexion", Formulaire(formulaire, ("Login", $"{login}@test.invalid"), ("MotDePasse", HoteProgramme.MotDePasse)));
        rep = await app.SecondFacteurAsync(client, rep, login);
        Assert.True(rep.StatusCode == HttpStatusCode.Redirect, $"sign-in of {login} failed: {(int)rep.StatusCode}");
        return client;
    }

    /// <summary>After the password step: gives the TOTP code of an enrolled account, or enrols one (first login) and
    /// keeps its key; returns the final answer (a redirect to the page asked for when it worked).</summary>
    public static async Task<HttpResponseMessage> SecondFacteurAsync(this HoteProgramme app, HttpClient client, HttpResponseMessage rep, string login)
    {
        var vers = rep.StatusCode == HttpStatusCode.Redirect ? rep.Headers.Location?.ToString() ?? "" : "";
        if (vers.Contains("/Compte/SecondFacteur", StringComparison.OrdinalIgnoreCase))
        {
            var page = await client.GetStringAsync(vers);
            return await client.PostAsync(vers, Formulaire(page, ("Code", app.CodeTotp(login))));
        }
        if (vers.Contains("/Compte/ActiverSecondFacteur", StringComparison.OrdinalIgnoreCase))
        {
            var page = await client.GetStringAsync(vers);
            var cle = CleRegex().Match(page).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(cle), "the enrolment page shows the authenticator key");
            app.RetenirCle(login, cle);
            return await client.PostAsync(vers, Formulaire(page, ("Code", app.CodeTotp(login))));
        }
        return rep;
    }

    /// <summary>A form post carrying the antiforgery token found in <paramref name="html"/>.</summary>
    public static FormUrlEncodedContent Formulaire(string html, params (string Nom, string Valeur)[] champs)
    {
        var jeton = JetonRegex().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(jeton), "no antiforgery token in the page");
        return new FormUrlEncodedContent(champs.Select(c => new KeyValuePair<string, string>(c.Nom, c.Valeur))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(jeton))));
    }

    [GeneratedRegex("data-cle=\"([A-Z2-7]+)\"")]
    private static partial Regex CleRegex();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex JetonRegex();
}
