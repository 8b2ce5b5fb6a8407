from django.contrib import admin

from vocabulary.models import Area, Country, PracticeType, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["position", "title", "slug"]
    list_display_links = ["title"]
    search_fields = ["title"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class VocabularyTermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(Area, VocabularyTermAdmin)
admin.site.register(PracticeType, VocabularyTermAdmin)

admin.site.site_header = "Intercultural Compendium: editors"
admin.site.site_title = "Intercultural Compendium"
admin.site.index_title = "Content"
