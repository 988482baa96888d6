using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenDui.Tests.Http;
using Xunit;

namespace OpenDui.Tests.Outils;

/// <summary>Page sessions (cookie, redirects not followed) opened through the login form.</summary>
public static class Sessions
{
    public static HttpClient ClientPages(this ApplicationDeTest app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Posts the password step; the answer is the redirect to the next step, or the form with its error.</summary>
    public static async Task<HttpResponseMessage> MotDePasseAsync(this HttpClient client, string login, string motDePasse = ApplicationDeTest.MotDePasse) =>
        await client.PostAsync("/Compte/Connexion", ProtectionTests.Formulaire(await client.GetStringAsync("/Compte/Connexion"),
            ("Login", login.Contains('@') ? login : $"{login}@test.invalid"), ("MotDePasse", motDePasse)));

    /// <summary>Posts a TOTP code to the second step.</summary>
    public static async Task<HttpResponseMessage> CodeAsync(this HttpClient client, string code) =>
        await client.PostAsync("/Compte/SecondFacteur", ProtectionTests.Formulaire(await client.GetStringAsync("/Compte/SecondFacteur"), ("Code", code)));

    /// <summary>A complete sign-in (password, then a fresh code) of an enrolled test account.</summary>
    public static async Task<HttpClient> SessionAsync(this ApplicationDeTest app, string login)
    {
        var client = app.ClientPages();
        var rep = await client.MotDePasseAsync(login);
        Assert.StartsWith("/Compte/SecondFacteur", rep.Headers.Location?.ToString());
        rep = await client.CodeAsync(app.CodeTotp(login));
        Assert.True(rep.StatusCode == HttpStatusCode.Redirect, $"sign-in of {login}: {(int)rep.StatusCode}");
        return client;
    }
}
