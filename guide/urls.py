"""Language-prefixed public URLs (/<lang>/…). They are printed on posters: never change them."""

from django.urls import path
from django.views.decorators.cache import cache_control
from pwa import views as pwa_views

from cramps_site.page_cache import same_for_everyone

from . import operators, venues, views
from .diary import views as diary

# The manifests are revalidated on every use, so an installed app sees a new name or icon.
revalidated = cache_control(no_cache=True, max_age=0)

app_name = "guide"
urlpatterns = [
    path("", views.home, name="home"),
    path("now/", views.emergency, {"slug": "land"}, name="now-land"),
    path("now/water/", views.emergency, {"slug": "water"}, name="now-water"),
    path("now/help-someone/", views.emergency, {"slug": "help-someone"}, name="now-help-someone"),
    path("guide/<slug:slug>/", views.content_page, {"section": "guide"}, name="guide-page"),
    path("water/", views.water_index, name="water-index"),
    path("water/<slug:slug>/", views.content_page, {"section": "water"}, name="water-page"),
    path("venues/", venues.saved_venues, name="saved-venues"),
    path("venues/<slug:slug>/", venues.venue_page, name="venue"),
    path("venues/<slug:slug>/poster/", venues.poster, name="venue-poster"),
    # Operators: their venues, today's conditions, every poster (guide/operators.py). The fixed
    # names come first; models.RESERVED_SLUGS keeps venues off them.
    path("operator/", operators.venue_list, name="operator"),
    path("operator/sign-in/", operators.sign_in, name="operator-sign-in"),
    path("operator/sign-out/", operators.sign_out, name="operator-sign-out"),
    path("operator/posters/", operators.posters, name="operator-posters"),
    path("operator/<slug:slug>/", operators.venue_conditions, name="operator-venue"),
    path("country/", views.country_page, name="country"),
    path("reviews/", views.reviews, name="reviews"),
    # The cramp diary: pages only; its data stays in the phone's storage (guide/diary/).
    path("diary/", diary.diary, name="diary"),
    path("diary/log/", diary.log, name="diary-log"),
    path("diary/doctor/", diary.doctor, name="diary-doctor"),
    path("search/", views.search_page, name="search"),
    path("search/index.json", views.search_index, name="search-index"),
    # django-pwa's views, in the page's language: the installed app's name and shortcuts
    # follow it, and the offline fallback speaks it.
    path(
        "manifest.json",
        same_for_everyone(revalidated(pwa_views.manifest)),
        name="manifest",
    ),
    path("offline/", same_for_everyone(views.offline), name="offline"),
]
