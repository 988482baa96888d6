using System.Text;
using FluentAssertions;
using OpenDui.Web.Features.Documents;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>A file is what its first bytes say, whatever its name or declared type.</summary>
public sealed class DetectionContenuTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, DetectionContenu.Pdf)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46 }, DetectionContenu.Jpeg)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1 }, DetectionContenu.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, DetectionContenu.Png)]
    public void Les_formats_acceptes_sont_reconnus_a_leurs_premiers_octets(byte[] entete, string attendu) =>
        DetectionContenu.Detecter(entete).Should().Be(attendu);

    [Theory]
    [InlineData("<!DOCTYPE html><html><script>alert(1)</script>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("PK\u0003\u0004zip")]
    [InlineData("#!/bin/sh\nrm -rf /")]
    [InlineData("%PDF")] // too short to be the PDF signature
    [InlineData(" %PDF-1.4")] // the signature must open the file
    public void Tout_autre_contenu_est_refuse(string debut) =>
        DetectionContenu.Detecter(Encoding.Latin1.GetBytes(debut)).Should().BeNull();

    [Fact]
    public void Une_image_png_incomplete_n_est_pas_une_png() =>
        DetectionContenu.Detecter(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A }).Should().BeNull();

    [Theory]
    [InlineData("C:\\Users\\moi\\scan carte.pdf", "scan carte.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a\"b;c\r\n.pdf", "abc.pdf")]
    [InlineData("\u202Efdp.exe", "fdp.exe")]
    [InlineData("..", "document")]
    [InlineData(null, "document")]
    public void Le_nom_du_fichier_est_nettoye(string? nom, string attendu) => DetectionContenu.NomSur(nom).Should().Be(attendu);

    [Theory]
    [InlineData("scan.pdf", DetectionContenu.Png, "scan.png")]
    [InlineData("photo.JPEG", DetectionContenu.Jpeg, "photo.JPEG")]
    [InlineData("contrat.pdf", DetectionContenu.Pdf, "contrat.pdf")]
    [InlineData("sans extension", DetectionContenu.Pdf, "sans extension.pdf")]
    public void Le_nom_de_telechargement_prend_l_extension_du_contenu_detecte(string nom, string type, string attendu) =>
        DetectionContenu.NomTelechargement(nom, type).Should().Be(attendu);

    [Fact]
    public void Un_nom_trop_long_est_raccourci_en_gardant_son_extension()
    {
        var nom = DetectionContenu.NomSur(new string('a', 300) + ".pdf");
        nom.Length.Should().BeLessThanOrEqualTo(150);
        nom.Should().EndWith(".pdf");
    }
}
