"""Given and family names by naming tradition, for generated people.

The lists hold common names of each region, combined at random; names of
well-known public figures were left out so no row reads like a real person.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameRegion:
    """Names used together in one naming tradition."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    # Moorish patronymics: "Ould" (son of) or "Mint" (daughter of) + name.
    patronymic: tuple[str, str] | None = None

    def family_name(self, root: str, is_female: bool) -> str:
        """The family name a person of this tradition carries for `root`."""
        if self.patronymic is None:
            return root
        return f"{self.patronymic[is_female]} {root}"


def _split(names: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in names.split(",") if name.strip())


def _region(
    male: str, female: str, family: str, patronymic: tuple[str, str] | None = None
) -> NameRegion:
    return NameRegion(_split(male), _split(female), _split(family), patronymic)


NAME_REGIONS: dict[str, NameRegion] = {
    # Senegal, Mali, Guinea, Niger, Burkina Faso, Gambia, Chad.
    "sahel": _region(
        "Mamadou, Ousmane, Ibrahima, Moussa, Abdoulaye, Cheikh, Modou, Souleymane, "
        "Boubacar, Amadou, Seydou, Issa, Lamine, Alassane, Aliou, Oumar, Bakary, "
        "Sékou, Mahamat, Abakar, Idrissa, Saliou, Pape, Yacouba, Hamidou, Salif",
        "Aminata, Fatoumata, Aïssatou, Mariama, Kadiatou, Awa, Khady, Ndeye, Coumba, "
        "Oumou, Ramatoulaye, Fanta, Binta, Hawa, Achta, Djeneba, Rokia, Safiatou, "
        "Bintou, Salimata, Maimouna, Astou, Nafissatou, Haoua, Zeinabou, Assétou",
        "Diallo, Traoré, Diop, Ndiaye, Sow, Ba, Keïta, Coulibaly, Camara, Sylla, "
        "Touré, Cissé, Konaté, Barry, Bah, Sall, Fall, Gueye, Kane, Sangaré, Diarra, "
        "Dembélé, Ouédraogo, Sawadogo, Kaboré, Zongo, Maïga, Doumbia, Kouyaté, "
        "Diakité, Thiam, Faye, Mbaye, Seck, Sarr, Jallow, Ceesay, Njie, Hamani, "
        "Abdou, Djibrine, Ngarlem",
    ),
    # Côte d'Ivoire, Benin, Togo, Ghana, Nigeria, Sierra Leone, Liberia.
    "gulf": _region(
        "Kouassi, Koffi, Yao, Konan, Kouamé, Serge, Arnaud, Franck, Hervé, Kodjo, "
        "Komi, Fiacre, Gildas, Kwame, Kwabena, Kofi, Emeka, Chinedu, Tunde, "
        "Oluwaseun, Ifeanyi, Samuel, Emmanuel, Prince, Ebenezer, Abu",
        "Adjoua, Akissi, Affoué, Ahou, Amenan, Aya, Estelle, Grâce, Carine, Afi, "
        "Akossiwa, Ama, Akosua, Abena, Efua, Ngozi, Chiamaka, Adaeze, Funmilayo, "
        "Yetunde, Blessing, Esther, Mawuena, Isatu, Hawa",
        "Kouassi, Kouamé, Konan, N'Guessan, Yao, Koffi, Kouadio, Bamba, Koné, "
        "Ouattara, Soro, Gnagne, Agbodjan, Dossou, Akakpo, Ahouansou, Adjovi, "
        "Hounkpatin, Gbaguidi, Amoussou, Tchala, Kpodar, Afolabi, Adeyemi, Okafor, "
        "Okonkwo, Eze, Nwosu, Balogun, Ogunleye, Mensah, Owusu, Asante, Boateng, "
        "Appiah, Osei, Kamara, Sesay, Koroma, Conteh, Kollie, Flomo",
    ),
    # Cameroon, Gabon, both Congos, Central African Rep., Equatorial Guinea.
    "central": _region(
        "Jean, Serge, Landry, Rodrigue, Armel, Patrick, Dieudonné, Blaise, Brice, "
        "Ghislain, Christian, Parfait, Fabrice, Cédric, Arsène, Thierry, Lionel, "
        "Marius, Steve, Aristide, Prosper, Bienvenu, Trésor, Exaucé, Junior",
        "Marie, Christelle, Grâce, Prisca, Merveille, Dorcas, Nadège, Carine, "
        "Sandrine, Murielle, Flore, Laetitia, Larissa, Rachel, Gloria, Divine, "
        "Sylvie, Chancelle, Joëlle, Patience, Gladys, Ornella, Solange, Bénédicte",
        "Mbarga, Nguema, Ndong, Obiang, Mouketou, Mabiala, Moukoko, Ngoma, Mukendi, "
        "Kalonji, Tshibanda, Ilunga, Mbuyi, Nzuzi, Ekomi, Essono, Fotso, Kamga, "
        "Tchoumi, Ngassa, Ondo, Mba, Atangana, Owona, Mvondo, Biyoghe, Nzé, Makaya, "
        "Loemba, Massamba, Bouanga, Malonga, Lukusa, Kabongo, Tshimanga, Ngando",
    ),
    # Kenya, Tanzania, Uganda, Rwanda, Burundi, South Sudan.
    "east": _region(
        "Brian, Kevin, Dennis, Collins, Baraka, Amani, Juma, Emmanuel, Eric, "
        "Claude, Innocent, Olivier, Patrick, Isaac, Joseph, Daniel, Hassan, Omari, "
        "Godfrey, Ronald, Samuel, Moses, Jean Paul, Deng",
        "Wanjiru, Achieng, Njeri, Akinyi, Neema, Rehema, Zawadi, Aisha, Mercy, "
        "Faith, Joy, Esther, Grace, Diane, Aline, Ange, Clarisse, Nakato, Winnie, "
        "Rose, Furaha, Halima, Nyibol",
        "Otieno, Kamau, Mwangi, Ochieng, Kiprop, Kiptoo, Wanjala, Mutua, Njoroge, "
        "Omondi, Kariuki, Juma, Mushi, Massawe, Mwakalinga, Lema, Okello, "
        "Ssempala, Mugisha, Habimana, Niyonzima, Uwimana, Ishimwe, Nshimirimana, "
        "Hakizimana, Ndayisenga, Irakoze, Bizimana, Kato, Atuhaire, Byaruhanga, "
        "Lual, Mayen, Wani",
    ),
    # Djibouti, Somalia.
    "horn": _region(
        "Abdi, Abdirahman, Mohamed, Ahmed, Hassan, Ali, Omar, Yusuf, Mahad, Liban, "
        "Farah, Abdillahi, Houssein, Daher, Ismaël",
        "Hodan, Ayaan, Hibo, Amina, Fadumo, Sahra, Asha, Ifrah, Nasra, Deka, Roda, "
        "Safia, Kadra, Idil, Fatouma",
        "Farah, Warsame, Abdi, Hassan, Aden, Mohamed, Ali, Jama, Hersi, Ismail, "
        "Omar, Osman, Dirieh, Robleh, Houmed, Ahmed, Elmi, Djama",
    ),
    # Ethiopia, Eritrea: the second name is the father's given name.
    "ethiopia": _region(
        "Dawit, Yonas, Abel, Henok, Bereket, Samuel, Biniam, Kidus, Natnael, "
        "Tewodros, Amanuel, Eyob, Filmon, Robel, Yared",
        "Hana, Selam, Meron, Bethlehem, Tigist, Hiwot, Eden, Rahel, Senait, Feven, "
        "Saba, Liya, Mahlet, Yordanos",
        "Tesfaye, Mekonnen, Abebe, Alemu, Girma, Haile, Kebede, Tadesse, Bekele, "
        "Wolde, Tewolde, Ghebremedhin, Berhane, Asfaw, Gebru, Desta, Yohannes, "
        "Tekle, Negash",
    ),
    # Sudan, Egypt, Libya.
    "nile": _region(
        "Mohamed, Ahmed, Mahmoud, Mostafa, Omar, Khaled, Osman, Mohanad, Tarek, "
        "Hussein, Abdelrahman, Youssef, Karim, Islam, Elfatih, Moataz",
        "Sara, Hiba, Reem, Tasneem, Nour, Mariam, Aya, Salma, Yasmin, Heba, Esraa, "
        "Doaa, Rana, Fatma, Malak",
        "Osman, Elamin, Abdelrahman, Elhassan, Babiker, Elsheikh, Mustafa, "
        "Abdalla, Hassan, Ibrahim, El Sayed, Abdelaziz, Mahmoud, Fathy, Soliman, "
        "Ragab, Shawky, Ashour, Shaheen, Elmabrouk",
    ),
    # Tunisia, Algeria.
    "maghreb": _region(
        "Yassine, Amine, Mehdi, Sami, Karim, Walid, Bilel, Anis, Aymen, Hamza, "
        "Riadh, Sofiane, Nassim, Hichem, Rayan, Skander, Fares, Oussama, Mourad",
        "Ines, Nour, Yasmine, Salma, Amira, Rania, Meriem, Lina, Sirine, Asma, "
        "Chaima, Nesrine, Imen, Lynda, Sabrina, Dounia, Amel, Wissal",
        "Trabelsi, Haddad, Mansouri, Benali, Boukhari, Cherif, Saadi, Hamdi, "
        "Jebali, Gharbi, Ben Salah, Ben Youssef, Mejri, Dridi, Ayari, Belkacem, "
        "Bensalem, Meziane, Hamidi, Kaci, Benamara, Zitouni, Bouzid, Slimani, "
        "Belhadj, Chaabane",
    ),
    "mauritania": _region(
        "Mohamed Lemine, Sidi Mohamed, Cheikh, Ahmedou, Mohamed Vall, El Hacen, "
        "Brahim, Isselmou, Moctar, Yahya, Sidi, Abdallahi, Mohamed Mahmoud, "
        "El Moustapha",
        "Mariem, Aichetou, Khadijetou, Vatimetou, Zeinebou, Mounina, Lalla, "
        "Toutou, Oumoukelthoum, Salka, Fatimetou, Selma, Jemila",
        "Ahmed, Sidi, Mohamed, Cheikh, Brahim, Abdallahi, El Moctar, Ely, Salem, "
        "Mahfoudh, Lemrabott, Taleb, Ahmedou, Boubacar, Sidaty, Abdel Kader",
        patronymic=("Ould", "Mint"),
    ),
    # Angola, Mozambique, Guinea-Bissau, Cape Verde, São Tomé and Príncipe.
    "lusophone": _region(
        "João, António, Manuel, José, Domingos, Paulo, Carlos, Mário, Edson, "
        "Nelson, Hélder, Adilson, Celso, Armindo, Fernando, Albino, Délcio, Ivan",
        "Maria, Ana, Isabel, Esperança, Célia, Joana, Teresa, Sónia, Marta, "
        "Helena, Jacinta, Rosa, Luísa, Cátia, Elisa, Neusa, Edna, Inês",
        "Santos, Fernandes, da Silva, Gomes, Mendes, Tavares, Lopes, Cardoso, "
        "Monteiro, Sitoe, Macuácua, Cossa, Nhantumbo, Mabunda, Kiala, Baptista, "
        "Correia, Pereira, Sambo, Cumbe, Langa, Muianga, Tembe, Vaz, Có, Sanhá, "
        "Djaló, Furtado",
    ),
    # South Africa, Zambia, Zimbabwe, Namibia, Malawi, Botswana, Lesotho,
    # Eswatini.
    "southern": _region(
        "Thabo, Sipho, Tendai, Tatenda, Kagiso, Mwila, Chanda, Bwalya, Tinashe, "
        "Farai, Lungelo, Bongani, Themba, Tumelo, Kabelo, Tawanda, Limbani, Tangeni",
        "Lerato, Nomvula, Chipo, Naledi, Thandiwe, Nandi, Palesa, Rudo, Nyasha, "
        "Tsitsi, Mutinta, Precious, Ndapewa, Keabetswe, Boitumelo, Zanele, "
        "Refilwe, Thandeka",
        "Dlamini, Nkosi, Mokoena, Ndlovu, Moyo, Banda, Phiri, Mwale, Sibanda, "
        "Chirwa, Shikongo, Mutasa, Mlambo, Khumalo, Molefe, Mahlangu, Zulu, Tembo, "
        "Mulenga, Mumba, Ncube, Mthembu, Sithole, Nyirenda, Amupolo",
    ),
    "malagasy": _region(
        "Hery, Tahina, Andry, Faly, Rivo, Mamy, Tojo, Fidy, Naina, Toky, Haja, "
        "Mahefa, Nirina, Lova",
        "Fanja, Miora, Voahangy, Tiana, Holy, Hanitra, Lalaina, Njara, Onja, Soa, "
        "Vola, Mialy, Fara, Rindra",
        "Rakoto, Rasoanaivo, Randriamanana, Andriamahefa, Razafindrakoto, "
        "Rakotomalala, Randrianarisoa, Rasolofo, Razafimahatratra, Rabenandrasana, "
        "Andrianjafy, Rakotondrabe, Ratsimbazafy, Rajaonarison, Andriamihaja, "
        "Raharison, Ravelojaona",
    ),
    "comoros": _region(
        "Said, Ahmed, Mohamed, Ali, Abdallah, Soilihi, Youssouf, Ibrahim, "
        "Nourdine, Houssen, Anfane, Mahamoud, Fahardine, Chamsoudine",
        "Fatima, Zainaba, Echati, Hadidja, Mariama, Anziza, Moinaecha, Sitti, "
        "Nadjma, Faouzia, Rahma, Nassima",
        "Soilihi, Mdahoma, Abdallah, Mbaé, Youssouf, Msaidié, Said, Ahmed, Hamadi, "
        "Madi, Toihir, Attoumane, Chanfi, Bacar, Mouigni, Halidi, Djoumoi",
    ),
    # Palestine, Yemen, Syria, Jordan, Iraq.
    "arab_east": _region(
        "Ahmad, Mohammad, Omar, Khaled, Yazan, Ali, Hussein, Abdullah, Mahmoud, "
        "Saif, Anas, Majd, Laith, Tareq, Hamza",
        "Rania, Lina, Dana, Maysa, Rahaf, Hala, Noor, Shahd, Aseel, Raghad, Tala, "
        "Bayan, Haneen, Duaa",
        "Al-Masri, Haddad, Khalil, Nasser, Saleh, Al-Ahmad, Darwish, Hamdan, "
        "Qasim, Al-Hakimi, Al-Amri, Barakat, Odeh, Shami, Khoury, Al-Zubaidi, "
        "Jaber",
    ),
    "haiti": _region(
        "Jean, Wilson, Ricardo, Evens, Jimmy, Stanley, Fritz, Wesner, Jude, "
        "Kervens, Peterson, Ronald",
        "Mirlande, Widline, Sandra, Roseline, Fabiola, Nathalie, Darline, "
        "Marjorie, Esther, Ketia, Nadège, Guerline",
        "Joseph, Pierre, Jean-Louis, Louis, Charles, Baptiste, Désir, Célestin, "
        "Saint-Fleur, Dorvil, Augustin, Métellus, Exantus, Jean-Baptiste",
    ),
    "france": _region(
        "Thomas, Lucas, Hugo, Antoine, Julien, Maxime, Nicolas, Mathieu, Clément, "
        "Romain, Louis, Paul",
        "Camille, Léa, Manon, Chloé, Julie, Sarah, Emma, Pauline, Marion, Claire, "
        "Inès, Lucie",
        "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, "
        "Moreau, Simon, Laurent, Lefebvre, Michel, Garcia, Fontaine, Rousseau, "
        "Girard",
    ),
    "china": _region(
        "Wei, Hao, Jun, Lei, Tao, Jie, Ming, Bo, Peng, Zhiwei, Haoran, Yuxuan",
        "Jing, Xiaomei, Yan, Hui, Ying, Fang, Min, Lin, Xinyi, Yutong, Shuting, "
        "Mengyao",
        "Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma, "
        "Zhu, Hu, Guo, He, Lin, Gao, Luo",
    ),
    "indonesia": _region(
        "Budi, Agus, Rizky, Fajar, Dimas, Andi, Arif, Hendra, Ilham, Yusuf, Bayu, "
        "Taufik",
        "Siti, Dewi, Putri, Ayu, Rina, Nurul, Fitri, Indah, Lestari, Anisa, Wulan",
        "Santoso, Wijaya, Saputra, Pratama, Hidayat, Setiawan, Kurniawan, "
        "Nugroho, Susanto, Rahman, Siregar, Nasution, Hakim, Lubis",
    ),
    "morocco": _region(
        "Youssef, Mohamed, Hamza, Ayoub, Othmane, Mehdi, Anas, Amine, Adil, "
        "Rachid, Karim, Yassine, Ilyas, Soufiane, Zakaria, Badr, Omar, Hicham, "
        "Reda, Tarik, Nabil, Abdelali, Mustapha, Khalid, Said",
        "Fatima-Zahra, Khadija, Salma, Imane, Hajar, Meryem, Sara, Nisrine, Houda, "
        "Zineb, Kawtar, Ghita, Oumaima, Asmae, Soukaina, Hanane, Loubna, Nadia, "
        "Samira, Siham, Wiam, Chaimae, Ikram, Hind",
        "El Amrani, Benjelloun, Alaoui, Bennani, Tazi, El Idrissi, Berrada, "
        "Chraibi, Lahlou, Ouazzani, Bouzidi, El Fassi, Naciri, Tahiri, Ait Ali, "
        "Ouali, Bakkali, Ziani, El Khattabi, Lamrani, Belhaj, Cherkaoui, "
        "El Mansouri, Boukhriss, Ait Lahcen, Essaadi, Hajji, Ennaji, El Ouafi, "
        "Kabbaj, Sqalli, Guessous, Filali, Sebti, Lazrak, Bennis, Zerouali, "
        "Hilali, Amziane, Outaleb, Boutaleb",
    ),
}
