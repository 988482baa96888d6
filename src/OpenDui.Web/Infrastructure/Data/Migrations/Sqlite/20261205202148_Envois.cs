using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Envois : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Envois",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Canal = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Cle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Charge = table.Column<string>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Statut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Tentatives = table.Column<int>(type: "INTEGER", nullable: false),
                    CreeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    ProchainEssai = table.Column<long>(type: "INTEGER", nullable: false),
                    VerrouJusqua = table.Column<long>(type: "INTEGER", nullable: true),
                    EnvoyeLe = table.Column<long>(type: "INTEGER", nullable: true),
                    DerniereErreur = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Envois", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Envois_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Envois_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Envois_Cle",
                table: "Envois",
                column: "Cle",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Envois_EssmsId_Canal_EnvoyeLe",
                table: "Envois",
                columns: new[] { "EssmsId", "Canal", "EnvoyeLe" });

            migrationBuilder.CreateIndex(
                name: "IX_Envois_Statut_ProchainEssai",
                table: "Envois",
                columns: new[] { "Statut", "ProchainEssai" });

            migrationBuilder.CreateIndex(
                name: "IX_Envois_UsagerId",
                table: "Envois",
                column: "UsagerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Envois");
        }
    }
}
