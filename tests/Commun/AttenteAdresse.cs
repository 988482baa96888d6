using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OpenDui.Tests.Commun;

/// <summary>
/// Waits for a page's address by polling it, instead of Playwright's <c>WaitForURLAsync</c>: when the navigation is already
/// done as the wait starts, WaitForURL goes on to wait for the load event, which it can miss on a loaded machine, and times
/// out on a page that is there ("NetworkIdle event fired", then 30 s: seen in CI on a sign-in, twice in one day, in both test
/// projects). The page's later steps go through locators, which wait for their elements themselves.
/// </summary>
internal static class AttenteAdresse
{
    private const float DelaiParDefaut = 60_000;

    /// <summary>A Playwright URL glob (<c>**</c> anything, <c>*</c> anything but '/', the rest literal), matched on the whole address.</summary>
    public static Task AttendreUrlAsync(this IPage page, string glob, PageWaitForURLOptions? options = null) =>
        page.AttendreUrlAsync(new Regex("^" + string.Concat(Regex.Split(glob, @"(\*\*|\*)").Select(p => p switch
        {
            "**" => ".*",
            "*" => "[^/]*",
            _ => Regex.Escape(p),
        })) + "$"), options);

    public static Task AttendreUrlAsync(this IPage page, Regex adresse, PageWaitForURLOptions? options = null) =>
        Assertions.Expect(page).ToHaveURLAsync(adresse, new() { Timeout = options?.Timeout ?? DelaiParDefaut });

    public static async Task AttendreUrlAsync(this IPage page, Func<string, bool> condition, PageWaitForURLOptions? options = null)
    {
        var fin = DateTime.UtcNow.AddMilliseconds(options?.Timeout ?? DelaiParDefaut);
        while (!condition(page.Url))
        {
            if (DateTime.UtcNow > fin) throw new TimeoutException($"L'adresse attendue n'est pas venue (page sur {page.Url}).");
            await Task.Delay(100);
        }
    }
}
