"""The admin site: Django's, for staff who signed in with both factors (guide/second_factor.py)."""

from django.contrib import admin
from django.shortcuts import resolve_url
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from cramps_site.admin_login import remember_browser

from . import second_factor
from .organisations import organisation_of


class StaffAdminSite(admin.AdminSite):
    login_form = second_factor.SignInForm
    login_template = "admin/sign_in.html"
    index_template = "admin/staff_index.html"  # links to the second factor's page

    def has_permission(self, request):
        # A session opened without the second factor (a shell's login(), an old session) is
        # treated as signed out: the admin asks again, code included.
        return super().has_permission(request) and request.user.is_verified()

    def get_urls(self):
        setup = self.admin_view(lambda request: second_factor.setup(request, self))
        return [path("second-factor/", setup, name="second-factor"), *super().get_urls()]

    def after_second_factor(self, request):
        """Where staff go on from the second-factor page: where they were going (this site
        only), else an operator to the operator page, where the conditions are reported, and
        a superuser to the admin."""
        target = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        user = request.user
        if not user.is_superuser and organisation_of(user) is not None:
            return reverse("guide:operator")
        return reverse(f"{self.name}:index")

    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        signed_in = request.method == "POST" and response.status_code == 302
        if signed_in and request.user.is_authenticated:
            if not second_factor.has_authenticator(request.user):
                # Signed in with a one-time code: set up the app before it runs out.
                response["Location"] = resolve_url(f"{self.name}:second-factor")
            remember_browser(response, request.user.get_username())
        return response
