"""Who may see and change which venues: an operator its organisation's, a superuser every one.

Every place that shows or changes venues for a signed-in person asks `venues_for(user)`: the
admin, the operator pages, the posters and the import. Another organisation's venue is simply
not there, so it answers 404 like a venue that does not exist, never 403 with its name.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.http import Http404

from .models import Operator, Organisation, Venue

# What an operator's account may do in the admin: its venues and their reports, nothing about
# accounts, groups or organisations, so it cannot give itself more rights. No deleting: a venue
# is unpublished (its posters stay on the walls), and a superuser deletes it.
OPERATORS_GROUP = "Venue operators"
OPERATOR_PERMISSIONS = (
    ("guide", "view_venue"),
    ("guide", "add_venue"),
    ("guide", "change_venue"),
    ("guide", "view_conditions"),
)


def organisation_of(user):
    """The id of the organisation the user runs, or None (kept on the user for the request)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_organisation_id"):
        user._organisation_id = (
            Operator.objects.filter(user=user).values_list("organisation_id", flat=True).first()
        )
    return user._organisation_id


def venues_for(user):
    """The venues this person may see and change."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Venue.objects.all()
    organisation = organisation_of(user)
    if organisation is None or not user.is_active:
        return Venue.objects.none()
    return Venue.objects.filter(organisation_id=organisation)


def runs_venues(user):
    """Signed in with both factors, as staff, and with venues to run (or a superuser)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and user.is_verified()
        and (user.is_superuser or organisation_of(user) is not None)
    )


def venue_or_404(user, slug, queryset=None):
    queryset = venues_for(user) if queryset is None else queryset
    venue = queryset.filter(slug=slug).first()
    if venue is None:
        raise Http404("No such venue")
    return venue


def operators_group():
    """The group every operator is in, with exactly OPERATOR_PERMISSIONS."""
    group, _created = Group.objects.get_or_create(name=OPERATORS_GROUP)
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in OPERATOR_PERMISSIONS
    ]
    group.permissions.set(permissions)
    return group


class OperatorError(Exception):
    pass


def add_operator(username, organisation_name, password, email=""):
    """A new operator account of the organisation (created if needed); returns both.

    The account is staff (it signs in to the admin and the operator pages, second factor
    included) with the operators' group's rights only. The password must pass the site's rules.
    """
    User = get_user_model()
    name = " ".join(organisation_name.split())
    if not name:
        raise OperatorError("Give the organisation's name.")
    if User.objects.filter(**{User.USERNAME_FIELD: username}).exists():
        raise OperatorError(
            f"There is already an account named {username!r}: choose another name, or make "
            "that account an operator in the admin (Operators → Add)."
        )
    user = User(**{User.USERNAME_FIELD: username}, email=email, is_staff=True)
    validate_password(password, user)
    with transaction.atomic():
        organisation = Organisation.objects.filter(name__iexact=name).first()
        created = organisation is None
        if created:
            organisation = Organisation.objects.create(name=name)
        user.set_password(password)
        user.save()
        user.groups.add(operators_group())
        Operator.objects.create(user=user, organisation=organisation)
    return user, organisation, created
