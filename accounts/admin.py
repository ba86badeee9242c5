"""Editor accounts: attach each user to the agencies they work for."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import EditorProfile

User = get_user_model()


class EditorProfileInline(admin.StackedInline):
    model = EditorProfile
    can_delete = False
    autocomplete_fields = ["agencies"]
    verbose_name_plural = EditorProfile._meta.verbose_name


admin.site.unregister(User)


@admin.register(User)
class EditorUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, EditorProfileInline]


@admin.register(EditorProfile)
class EditorProfileAdmin(admin.ModelAdmin):
    list_display = ["user"]
    search_fields = ["user__username", "user__email", "agencies__name"]
    autocomplete_fields = ["user", "agencies"]
    list_select_related = ["user"]
