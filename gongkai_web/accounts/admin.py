from django.contrib import admin

from gongkai_web.accounts.models import Agency, Membership


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_code", "kind", "phone"]
    search_fields = ["name", "short_code"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role", "agency"]
    search_fields = ["user__username", "agency__name"]
    autocomplete_fields = ["agency"]


# The admin's own header and title (Django's default reads "Django 管理").
admin.site.site_header = "政府信息公开办理平台管理"
admin.site.site_title = "政府信息公开办理平台管理"
admin.site.index_title = "数据管理"
